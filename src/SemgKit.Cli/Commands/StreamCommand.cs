using System.CommandLine;
using SemgKit.Pipeline.Control;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Cli.Commands;

/// <summary>
/// <c>semg stream --model M --source S --sink K</c>: runs a model live. Decisions go to the sink; a status line goes to
/// stderr (only when it is a terminal) and a summary always.
/// </summary>
internal static class StreamCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model bundle (.semg)", Required = true };
        var source = new Option<string>("--source") { Description = "replay:FILE | tcp://HOST:PORT (listen) | udp://HOST:PORT (bind) | stdin (CSV lines)", Required = true };
        var sink = new Option<string>("--sink") { Description = "stdout (JSON lines) | udp://HOST:PORT (LibEMG '<class> <velocity>') | tcp://HOST:PORT (serve JSON lines)", DefaultValueFactory = _ => "stdout" };
        var commands = new Option<string?>("--commands") { Description = "Command map JSON (class → command, gating, dwell, velocity, watchdog, safe command)" };
        var fitVelocity = new Option<string?>("--fit-velocity") { Description = "Fit per-class velocity ranges (10th/90th amplitude percentiles) on this training data" };
        var command = new Command("stream", "Classify a live stream and emit decisions and device commands")
        {
            model, source, sink, LiveArguments.Speed, LiveArguments.ChunkMs, commands, fitVelocity, LiveArguments.Recalibrate, LiveArguments.Seconds, EncoderArguments.SampleRate,
        };
        command.SetAction(async (parse, ct) =>
        {
            var bundle = EmgModel.Load(parse.GetValue(model)!);
            var from = StreamAddress.Parse(parse.GetValue(source)!);
            var to = StreamAddress.Parse(parse.GetValue(sink)!);
            var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            // a bare CSV states no rate: assume the model's unless told
            var readOptions = new DatasetReadOptions { SampleRateHz = parse.GetValue(EncoderArguments.SampleRate) ?? bundle.SampleRateHz };
            Dataset? replay = null;
            if (from.Kind == StreamAddressKind.Replay)
            {
                replay = catalog.Open(from.Path!, readOptions, ct);
                bundle.RequireCompatible(replay);
            }
            var map = (parse.GetValue(commands) is { } path ? CommandMap.Load(path) : CommandMap.Identity(bundle.ClassNames))
                .WithPacketPeriod(parse.GetValue(LiveArguments.ChunkMs));
            if (parse.GetValue(fitVelocity) is { } training)
                map = map with { Velocity = VelocityCalibration.Fit(bundle, catalog.Open(training, readOptions, ct), cancellationToken: ct) };
            var request = new LiveStreaming.Request(bundle, from, to, LiveArguments.Pace(parse), parse.GetValue(LiveArguments.ChunkMs), map, replay, context.In, context.Out, parse.GetValue(LiveArguments.Seconds),
                ChannelRotation: LiveArguments.Rotation(parse, bundle, context, ct));
            var status = new StatusLine(context);
            var final = await LiveStreaming.RunAsync(request, status, d => context.Error.WriteLine($"streaming {d} → {to} with {bundle.Manifest.Name}"), ct);
            status.Clear();
            context.Error.WriteLine("stream: " + LiveArguments.Summary(final));
            return Program.ExitOk;
        });
        return command;
    }

    /// <summary>Redraws one status line on stderr when it is a terminal; silent otherwise.</summary>
    private sealed class StatusLine(CliContext context) : IProgress<LiveStatistics>
    {
        private bool _drawn;

        public void Report(LiveStatistics value)
        {
            if (!context.ErrorInteractive) return;
            context.Error.Write("\r" + LiveArguments.Status(value) + "\u001b[K");
            _drawn = true;
        }

        public void Clear()
        {
            if (_drawn) context.Error.Write("\r\u001b[K");
        }
    }
}
