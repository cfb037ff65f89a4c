using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg loadtest --model M --streams N</c>: N concurrent real-time streams over loopback TCP in one process.</summary>
internal static class LoadTestCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model bundle (.semg)", Required = true };
        var streams = new Option<int>("--streams") { Description = "Concurrent streams", DefaultValueFactory = _ => 10 };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per stream", DefaultValueFactory = _ => 10 };
        var command = new Command("loadtest", "Run N concurrent replayed streams over loopback TCP (sender + receiver/classifier tasks in-process); per-stream latency and drops")
        {
            model, streams, seconds, EncoderArguments.Data, EncoderArguments.SampleRate, LiveArguments.ChunkMs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var bundle = EmgModel.Load(parse.GetValue(model)!);
            Pipeline.Data.Recording recording;
            if (parse.GetValue(EncoderArguments.Data) is not null)
            {
                var data = EncoderArguments.OpenData(parse, context, ct);
                if (data.ChannelCount != bundle.ChannelCount || data.SampleRateHz != bundle.SampleRateHz)
                    throw new SemgException($"{data.Source ?? data.Name}: {data.ChannelCount} channels at {data.SampleRateHz} Hz, the model takes {bundle.ChannelCount} at {bundle.SampleRateHz} Hz");
                recording = data.Recordings.MaxBy(r => r.SampleCount)!;
            }
            else
            {
                recording = LoadTest.SyntheticRecording(bundle, 1, ct);
            }
            var result = await LoadTest.RunAsync(new LoadTest.Request(bundle, recording, parse.GetValue(streams), parse.GetValue(seconds), parse.GetValue(LiveArguments.ChunkMs)), new Progress(context), ct);
            Render(context, result, $"{bundle.ChannelCount} channels at {bundle.SampleRateHz.ToString(CultureInfo.InvariantCulture)} Hz");
            return Program.ExitOk;
        });
        return command;
    }

    public static void Render(CliContext context, LoadTest.Result result, string what)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title(Markup.Escape($"{result.Streams.Count} stream(s), {what}, {result.Seconds.ToString("0.#", c)} s")).AddColumns("stream", "frames sent", "received", "decisions", "dropped", "faults", "p50", "p99", "max");
        var shown = result.Streams.Count <= 10 ? result.Streams : result.Streams.OrderByDescending(s => s.LatencyP99Microseconds).Take(5).ToList();
        foreach (var s in shown)
            table.AddRow(s.Stream.ToString(c), s.FramesSent.ToString(c), s.FramesReceived.ToString(c), s.Decisions.ToString(c), s.DroppedFrames.ToString(c), s.Faults.ToString(c),
                LiveArguments.Micro(s.LatencyP50Microseconds), LiveArguments.Micro(s.LatencyP99Microseconds), LiveArguments.Micro(s.LatencyMaxMicroseconds));
        context.Console.Write(table);
        if (shown.Count < result.Streams.Count)
            context.Console.WriteLine($"(the 5 streams with the highest p99 of {result.Streams.Count})");
        context.Console.WriteLine(string.Create(c,
            $"all streams: {result.Decisions} decisions; latency p50 {LiveArguments.Micro(result.LatencyP50Microseconds)}, p99 {LiveArguments.Micro(result.LatencyP99Microseconds)}, max {LiveArguments.Micro(result.LatencyMaxMicroseconds)}; worst stream p99 {LiveArguments.Micro(result.WorstStreamP99Microseconds)}; dropped frames {result.DroppedFrames}, lost frames {result.LostFrames}, faults {result.Faults}"));
    }

    private sealed class Progress(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine(value);
    }
}
