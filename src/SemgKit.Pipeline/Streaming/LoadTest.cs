using System.Net;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming.Sinks;
using SemgKit.Pipeline.Streaming.Sources;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// N concurrent live streams in one process over loopback TCP: per stream a sender task replays a recording at real
/// time through the <see cref="FrameProtocol"/> and a receiver task runs <see cref="TcpFrameSource"/> →
/// <see cref="LiveSession"/> → a JSON-lines sink that discards its bytes (formatting is still timed).
/// </summary>
public static class LoadTest
{
    /// <param name="Recording">Replayed (looped) by every sender; must match the model.</param>
    public sealed record Request(EmgModel Model, Recording Recording, int Streams, double Seconds, double ChunkMs = 10);

    /// <summary>One stream's figures.</summary>
    public sealed record StreamResult(int Stream, long FramesSent, long FramesReceived, long Decisions, long DroppedFrames, long Faults,
        double LatencyP50Microseconds, double LatencyP99Microseconds, double LatencyMaxMicroseconds);

    /// <summary>All streams, plus latency pooled over every decision.</summary>
    public sealed record Result(IReadOnlyList<StreamResult> Streams, double Seconds, long Decisions, long DroppedFrames, long LostFrames, long Faults,
        double LatencyP50Microseconds, double LatencyP99Microseconds, double LatencyMaxMicroseconds, double WorstStreamP99Microseconds);

    /// <summary>A synthetic recording (one movement between rests) with the model's channel count and rate, for load tests without data.</summary>
    public static Recording SyntheticRecording(EmgModel model, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = Simulation.SyntheticEmgOptions.Default with
        {
            SubjectCount = 1, RepetitionCount = 1, ClassCount = 2, ChannelCount = model.ChannelCount, SampleRateHz = model.SampleRateHz,
            PeakFrequencyHz = Math.Min(Simulation.SyntheticEmgOptions.Default.PeakFrequencyHz, model.SampleRateHz / 3),
        };
        try
        {
            return Simulation.SyntheticEmg.Generate(options, seed, cancellationToken).Recordings[0];
        }
        catch (ArgumentException e)
        {
            throw new SemgException($"cannot simulate data for this model ({e.Message}); pass --data", e);
        }
    }

    public static async Task<Result> RunAsync(Request request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        var rec = request.Recording;
        if (request.Streams < 1) throw new SemgException($"--streams {request.Streams}: need at least 1");
        if (!(request.Seconds > 0)) throw new SemgException($"--seconds {request.Seconds}: must be positive");
        if (rec.ChannelCount != model.ChannelCount || rec.SampleRateHz != model.SampleRateHz)
            throw new SemgException($"{rec.Metadata.Source}: {rec.ChannelCount} channels at {rec.SampleRateHz} Hz, the model takes {model.ChannelCount} at {model.SampleRateHz} Hz");
        int total = (int)Math.Round(request.Seconds * rec.SampleRateHz);
        var loop = new List<Recording>();
        for (int left = total; left > 0; left -= rec.SampleCount)
            loop.Add(left >= rec.SampleCount ? rec : rec.Slice(0, left));

        var clock = SystemClock.Instance;
        var sources = new TcpFrameSource[request.Streams];
        var sessions = new LiveSession[request.Streams];
        var sinks = new JsonLinesSink[request.Streams];
        var receivers = new Task[request.Streams];
        var senders = new Task<FrameSender.Result>[request.Streams];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (int i = 0; i < request.Streams; i++)
            {
                sources[i] = new TcpFrameSource(new IPEndPoint(IPAddress.Loopback, 0), model.ChannelCount, model.SampleRateHz, maxConnections: 1);
                sinks[i] = new JsonLinesSink(Stream.Null, flushEachLine: false);
                sessions[i] = new LiveSession(model, sinks[i], clock);
                var (source, session) = (sources[i], sessions[i]);
                receivers[i] = Task.Run(() => source.RunAsync(session, clock, stop.Token), stop.Token);
            }
            progress?.Report($"{request.Streams} receivers listening; sending {request.Seconds:0.#} s per stream");
            for (int i = 0; i < request.Streams; i++)
            {
                var target = new StreamAddress(StreamAddressKind.Tcp, sources[i].LocalEndPoint, null);
                var send = new FrameSender.Request(loop, target, ReplayPace.Realtime, request.ChunkMs);
                senders[i] = Task.Run(() => FrameSender.SendAsync(send, null, stop.Token), stop.Token);
            }
            var sent = await Task.WhenAll(senders).ConfigureAwait(false);
            var drained = Task.WhenAll(receivers);
            if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)).ConfigureAwait(false) != drained)
                progress?.Report("some receivers did not finish within 10 s of the senders");
            await stop.CancelAsync().ConfigureAwait(false);
            try { await drained.ConfigureAwait(false); } catch (OperationCanceledException) { }

            var pooled = new LatencyHistogram();
            var results = new StreamResult[request.Streams];
            for (int i = 0; i < request.Streams; i++)
            {
                sessions[i].AddLatencyTo(pooled);
                var s = sessions[i].Snapshot();
                long faults = s.Faults.Where(f => f.Key != "disconnected").Sum(f => f.Value);
                results[i] = new StreamResult(i, sent[i].Frames, s.Frames, s.Decisions, s.DroppedFrames, faults, s.LatencyP50Microseconds, s.LatencyP99Microseconds, s.LatencyMaxMicroseconds);
            }
            return new Result(results, request.Seconds, results.Sum(r => r.Decisions), results.Sum(r => r.DroppedFrames),
                results.Sum(r => Math.Max(0, r.FramesSent - r.FramesReceived)), results.Sum(r => r.Faults),
                pooled.Percentile(0.5), pooled.Percentile(0.99), pooled.Count == 0 ? double.NaN : pooled.Max, results.Max(r => r.LatencyP99Microseconds));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var s in sources) s?.Dispose();
            foreach (var s in sinks) s?.Dispose();
        }
    }
}
