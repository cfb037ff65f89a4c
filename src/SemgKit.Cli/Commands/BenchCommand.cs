using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg bench stream</c>: the README's streaming figures (latency at 16 ch / 2 kHz, N Myo-like streams, allocation per push).</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per scenario", DefaultValueFactory = _ => 10 };
        var streams = new Option<int>("--streams") { Description = "Concurrent Myo-like streams", DefaultValueFactory = _ => 100 };
        var stream = new Command("stream", "Streaming benchmarks: LDA/Hudgins at 16 ch × 2 kHz (one real-time stream), N × 8 ch × 200 Hz streams, bytes allocated per push")
        {
            seconds, streams, SimulateCommand.Seed,
        };
        stream.SetAction(async (parse, ct) =>
        {
            var progress = new Progress(context);
            var r = await StreamBenchmark.RunAsync(new StreamBenchmark.Request(parse.GetValue(seconds), parse.GetValue(streams), parse.GetValue(SimulateCommand.Seed)), progress, ct);
            LoadTestCommand.Render(context, r.Emg16At2k, "16 channels at 2000 Hz, LDA on Hudgins, 200 ms windows every 50 ms");
            LoadTestCommand.Render(context, r.MyoLike, "8 channels at 200 Hz (Myo-like)");
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parser → session → JSON sink, 16 ch × 2 kHz, 10 ms packets: {r.BytesPerPush:0.##} bytes allocated per packet in steady state; {r.TimesRealTime:0} × real time on one thread at max speed"));
            context.Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            return Program.ExitOk;
        });
        return new Command("bench", "Benchmarks that produce the README's figures") { stream };
    }

    private sealed class Progress(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine(value);
    }
}
