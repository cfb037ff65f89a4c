using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Streaming.Sources;

namespace SemgKit.Cli;

/// <summary>Options and rendering shared by the live commands (send, stream, loadtest, bench).</summary>
internal static class LiveArguments
{
    public static readonly Option<string> Speed = new("--speed") { Description = "Replay pace: realtime | max", DefaultValueFactory = _ => "realtime" };
    public static readonly Option<double> ChunkMs = new("--chunk-ms") { Description = "Frames per chunk/packet, as a duration in ms", DefaultValueFactory = _ => 10 };
    public static readonly Option<double?> Seconds = new("--seconds") { Description = "Stop after this many seconds" };

    public static readonly Option<string?> Recalibrate = new("--recalibrate")
    {
        Description = "Recording(s) of this session, each class once (labelled; unlabelled, the pooled pattern is matched): how far a ring armband (e.g. a Myo) was put back rotated; the channels are put back before the model reads them",
    };

    /// <summary>The armband rotation against <paramref name="bundle"/> from <c>--recalibrate</c> (0 without it), reported on stderr.</summary>
    public static int Rotation(ParseResult parse, Pipeline.Models.EmgModel bundle, CliContext context, CancellationToken ct)
    {
        if (parse.GetValue(Recalibrate) is not { } path) return 0;
        var catalog = Pipeline.Data.DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
        var calibration = catalog.Open(path, new Pipeline.Data.DatasetReadOptions { SampleRateHz = parse.GetValue(EncoderArguments.SampleRate) ?? bundle.SampleRateHz }, ct);
        var found = Pipeline.Data.ArmbandRotation.Recalibrate(bundle, calibration);
        int rotation = found.Rotation, channels = bundle.ChannelCount;
        string turn = rotation == 0 ? "none" : rotation <= channels / 2 ? $"{rotation} electrode(s) forward" : $"{channels - rotation} electrode(s) back";
        string match = string.Create(CultureInfo.InvariantCulture, $"{(found.Unlabelled ? "unlabelled: pooled " : "")}pattern match {found.Match:0.00}{(rotation == 0 ? "" : $", {found.UnrotatedMatch:0.00} as recorded")}");
        context.Error.WriteLine($"recalibrated on {path}: armband rotation {turn} ({match}); {(rotation == 0 ? "channels as recorded" : "channels put back before the model")}");
        return rotation;
    }

    public static ReplayPace Pace(ParseResult parse) => parse.GetValue(Speed)!.ToLowerInvariant() switch
    {
        "realtime" or "real-time" => ReplayPace.Realtime,
        "max" => ReplayPace.Max,
        var s => throw new SemgException($"--speed {s}: use realtime or max"),
    };

    public static string Micro(double v) => double.IsFinite(v) ? v.ToString("0", CultureInfo.InvariantCulture) + " µs" : "–";

    public static string Summary(LiveStatistics s)
    {
        var c = CultureInfo.InvariantCulture;
        string faults = s.Faults.Count == 0 ? "none" : string.Join(", ", s.Faults.Select(f => $"{f.Key} {f.Value}"));
        return string.Create(c, $"{s.Frames} frames, {s.Decisions} decisions ({s.DecisionsPerSecond:0.0}/s) in {s.ElapsedSeconds:0.00} s; latency p50 {Micro(s.LatencyP50Microseconds)}, p99 {Micro(s.LatencyP99Microseconds)}, max {Micro(s.LatencyMaxMicroseconds)}; {s.DroppedFrames} dropped frames; faults: {faults}; safe states {s.SafeStates}");
    }

    public static string Status(LiveStatistics s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.DecisionsPerSecond,7:0.0} decisions/s  p50 {Micro(s.LatencyP50Microseconds),8}  p99 {Micro(s.LatencyP99Microseconds),8}  dropped {s.DroppedFrames}  faults {s.TotalFaults}");
}
