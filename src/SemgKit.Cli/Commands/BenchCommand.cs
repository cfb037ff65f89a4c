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
        return new Command("bench", "Benchmarks that produce the README's figures") { stream, CreateSignal(context) };
    }

    /// <summary><c>semg bench signal</c>: feature and filter speed, alternating with the numpy/scipy peer when it can run.</summary>
    private static Command CreateSignal(CliContext context)
    {
        var windows = new Option<int>("--windows") { Description = "Windows per batch pass", DefaultValueFactory = _ => 100_000 };
        var python = new Option<string>("--python") { Description = "Interpreter for the numpy/scipy peer (bench/peers/signal_peer.py); 'none' to skip", DefaultValueFactory = _ => "/usr/bin/python3" };
        var command = new Command("signal", "Signal benchmarks: features on 8 × 200 windows (batch, single window, bytes per window), SAMPEN+FUZZYEN, causal band-pass; side by side with numpy/scipy")
        {
            windows, python,
        };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(windows);
            if (n < 1000) throw new Pipeline.SemgException("--windows must be at least 1000");
            string? script = FindPeerScript();
            bool peer = parse.GetValue(python) is { } py && py != "none" && File.Exists(py) && script is not null;
            Pipeline.Benchmarks.SignalBenchmark.Result? ours = null;
            System.Text.Json.JsonElement? theirs = null;
            for (int round = 0; round < 2; round++) // alternate ours and the peer, keep the best of each
            {
                context.Error.WriteLine($"round {round + 1}: SemgKit ...");
                var r = Pipeline.Benchmarks.SignalBenchmark.Run(n, ct);
                ours = ours is null ? r : Best(ours, r);
                if (!peer) continue;
                context.Error.WriteLine($"round {round + 1}: numpy/scipy peer ...");
                var p = RunPeer(parse.GetValue(python)!, script!, n, ct);
                theirs = theirs is null || p.GetProperty("tdfd7").GetProperty("windowsPerSecond").GetDouble() > theirs.Value.GetProperty("tdfd7").GetProperty("windowsPerSecond").GetDouble() ? p : theirs;
            }
            var c = CultureInfo.InvariantCulture;
            var table = new Table().Title("8 channels × 200-sample windows, fs 1000 Hz").AddColumns("workload", "SemgKit", "peer", "ratio");
            foreach (var f in ours!.Features)
            {
                var label = f.Name == "tdfd7" ? "MAV WL ZC SSC RMS MNF MDF" : "Hudgins (MAV WL ZC SSC)";
                var pr = theirs?.GetProperty(f.Name);
                table.AddRow($"{label}: batch windows/s", f.WindowsPerSecond.ToString("N0", c), pr?.GetProperty("windowsPerSecond").GetDouble().ToString("N0", c) ?? "–",
                    pr is null ? "–" : (f.WindowsPerSecond / pr.Value.GetProperty("windowsPerSecond").GetDouble()).ToString("0.0", c) + "×");
                table.AddRow($"{label}: one window µs (median / p99)", string.Create(c, $"{f.SingleMedianMicroseconds:0.00} / {f.SingleP99Microseconds:0.00}"),
                    pr is null ? "–" : string.Create(c, $"{pr.Value.GetProperty("singleMedianMicroseconds").GetDouble():0.0} / {pr.Value.GetProperty("singleP99Microseconds").GetDouble():0.0}"),
                    pr is null ? "–" : (pr.Value.GetProperty("singleMedianMicroseconds").GetDouble() / f.SingleMedianMicroseconds).ToString("0.0", c) + "×");
                table.AddRow($"{label}: bytes allocated per window", f.BytesPerWindow.ToString("0.##", c), "", "");
            }
            table.AddRow("SAMPEN + FUZZYEN, s per 1000 windows", ours.EntropySecondsPer1000Windows.ToString("0.000", c), "LibEMG 68 (26 + 42, quoted)", (68 / ours.EntropySecondsPer1000Windows).ToString("0", c) + "×");
            var filterPeer = theirs?.GetProperty("filter").GetProperty("samplesPerSecondPerChannel").GetDouble();
            table.AddRow("causal Butterworth BP order 4, 8 ch: samples/s per channel", ours.FilterSamplesPerSecondPerChannel.ToString("N0", c),
                filterPeer?.ToString("N0", c) ?? "–", filterPeer is null ? "–" : (ours.FilterSamplesPerSecondPerChannel / filterPeer.Value).ToString("0.0", c) + "×");
            context.Console.Write(table);
            context.Console.WriteLine(peer ? $"peer: {theirs?.GetProperty("peer").GetString()} ({script})" : "peer not run (needs /usr/bin/python3 with numpy and scipy, and bench/peers/signal_peer.py)");
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static Pipeline.Benchmarks.SignalBenchmark.Result Best(Pipeline.Benchmarks.SignalBenchmark.Result a, Pipeline.Benchmarks.SignalBenchmark.Result b) => new(
        a.Features.Zip(b.Features, (x, y) => x with
        {
            WindowsPerSecond = Math.Max(x.WindowsPerSecond, y.WindowsPerSecond),
            SingleMedianMicroseconds = Math.Min(x.SingleMedianMicroseconds, y.SingleMedianMicroseconds),
            SingleP99Microseconds = Math.Min(x.SingleP99Microseconds, y.SingleP99Microseconds),
            BytesPerWindow = Math.Max(x.BytesPerWindow, y.BytesPerWindow),
        }).ToArray(),
        Math.Min(a.EntropySecondsPer1000Windows, b.EntropySecondsPer1000Windows),
        Math.Max(a.FilterSamplesPerSecondPerChannel, b.FilterSamplesPerSecondPerChannel));

    private static string? FindPeerScript()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "peers", "signal_peer.py");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private static System.Text.Json.JsonElement RunPeer(string python, string script, int windows, CancellationToken ct)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("--windows");
        psi.ArgumentList.Add(windows.ToString(CultureInfo.InvariantCulture));
        psi.Environment["OMP_NUM_THREADS"] = "1";
        psi.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = System.Diagnostics.Process.Start(psi) ?? throw new Pipeline.SemgException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new Pipeline.SemgException($"{script} failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        return System.Text.Json.JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private sealed class Progress(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine(value);
    }
}
