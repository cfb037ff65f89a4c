using SemgKit.Pipeline.Control;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming.Sinks;
using SemgKit.Pipeline.Streaming.Sources;

namespace SemgKit.Pipeline.Streaming;

/// <summary>Runs a model live: a source (replay, TCP, UDP, stdin) → <see cref="LiveSession"/> → a sink (stdout, UDP, TCP).</summary>
public static class LiveStreaming
{
    /// <summary>What <see cref="RunAsync"/> needs.</summary>
    /// <param name="Replay">The dataset to replay when <paramref name="Source"/> is <c>replay:</c> (opened and checked by the caller).</param>
    /// <param name="Stdin">Text source for <c>stdin</c>.</param>
    /// <param name="Stdout">Text sink for <c>stdout</c>.</param>
    /// <param name="Seconds">Stop after this long (null: until the source ends or cancellation).</param>
    public sealed record Request(
        EmgModel Model,
        StreamAddress Source,
        StreamAddress Sink,
        ReplayPace Pace = ReplayPace.Realtime,
        double ChunkMs = 10,
        CommandMap? Commands = null,
        Dataset? Replay = null,
        TextReader? Stdin = null,
        TextWriter? Stdout = null,
        double? Seconds = null,
        IMonotonicClock? Clock = null,
        int ChannelRotation = 0);

    /// <summary>
    /// Streams until the source ends, <see cref="Request.Seconds"/> pass, or cancellation; then writes the safe state and
    /// returns the final statistics. <paramref name="progress"/> gets a snapshot about four times a second.
    /// </summary>
    /// <param name="started">Called with the source's description once it is listening (e.g. to print the port).</param>
    public static async Task<LiveStatistics> RunAsync(Request request, IProgress<LiveStatistics>? progress = null, Action<string>? started = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        var clock = request.Clock ?? SystemClock.Instance;
        var commands = request.Commands?.Validated(model.ClassNames);
        using var source = CreateSource(request);
        using var sink = CreateSink(request);
        var session = new LiveSession(model, sink, clock, commands);
        started?.Invoke(source.Description);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Seconds is { } seconds) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        // on the thread pool: some readers (Console.In) block synchronously inside ReadLineAsync
        // a rotated armband's channels go back where the model expects them (Data.ArmbandRotation.Recalibrate)
        IFrameConsumer consumer = request.ChannelRotation % model.ChannelCount == 0 ? session : new RotatedChannels(session, model.ChannelCount, request.ChannelRotation);
        var run = Task.Run(() => source.RunAsync(consumer, clock, stop.Token), CancellationToken.None);
        var watchdog = WatchAsync(session, progress, run, stop.Token);
        try
        {
            // a live stream ends normally on cancellation (Ctrl+C, --seconds): the summary is still wanted
            await run.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (!run.IsCompleted)
            {
                // e.g. a blocking stdin read that ignores cancellation: give it a moment, then abandon it
                try { await run.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
            }
            await watchdog.ConfigureAwait(false);
            session.Shutdown();
        }
        var final = session.Snapshot();
        progress?.Report(final);
        return final;
    }

    private static async Task WatchAsync(LiveSession session, IProgress<LiveStatistics>? progress, Task run, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        int ticks = 0;
        try
        {
            while (!run.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                session.CheckWatchdog();
                if (progress is not null && ++ticks % 25 == 0) progress.Report(session.Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static IFrameSource CreateSource(Request r)
    {
        var model = r.Model;
        switch (r.Source.Kind)
        {
            case StreamAddressKind.Replay:
                var data = r.Replay ?? throw new SemgException($"{r.Source}: the dataset to replay was not opened");
                model.RequireCompatible(data);
                return new ReplaySource(data.Recordings, r.Pace, r.ChunkMs, r.Source.ToString());
            case StreamAddressKind.Tcp:
                return new TcpFrameSource(r.Source.EndPoint!, model.ChannelCount, model.SampleRateHz);
            case StreamAddressKind.Udp:
                return new UdpFrameSource(r.Source.EndPoint!, model.ChannelCount, model.SampleRateHz);
            case StreamAddressKind.Stdin:
                return new CsvLineSource(r.Stdin ?? throw new SemgException("stdin source without a reader"), model.ChannelCount);
            default:
                throw new SemgException($"{r.Source}: not a source (use replay:FILE, tcp://HOST:PORT, udp://HOST:PORT or stdin)");
        }
    }

    private static IDecisionSink CreateSink(Request r) => r.Sink.Kind switch
    {
        StreamAddressKind.Stdout => new JsonLinesSink(r.Stdout ?? throw new SemgException("stdout sink without a writer")),
        StreamAddressKind.Udp => new UdpTextSink(r.Sink.EndPoint!),
        StreamAddressKind.Tcp => new TcpJsonLinesSink(r.Sink.EndPoint!),
        _ => throw new SemgException($"{r.Sink}: not a sink (use stdout, udp://HOST:PORT or tcp://HOST:PORT)"),
    };
}
