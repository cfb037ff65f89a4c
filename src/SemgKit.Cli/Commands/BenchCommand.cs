using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SemgKit.Neural.Models;
using Spectre.Console;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Cli.Commands;

/// <summary>
/// <c>semg bench</c>: performance measurements, one subcommand per area (<c>neural</c>; others add theirs here).
/// <c>semg bench neural [--model NAME]… [--threads N]… [--json FILE] [--quick]</c>: per architecture and thread count,
/// parameters, training samples/s at batch 64 and 256 (Adam), batch-1 latency p50/p99, GFLOP/s and memory, plus the
/// 512³ SGEMM rate against the measured FMA peak.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure performance (see the subcommands)");
        command.Subcommands.Add(CreateNeural(context));
        command.Subcommands.Add(CreateStream(context));
        command.Subcommands.Add(CreateSignal(context));
        return command;
    }

    private static Command CreateNeural(CliContext context)
    {
        var models = new Option<string[]>("--model")
        {
            Description = $"Architecture(s), repeatable or comma-separated ({string.Join(", ", ModelZoo.Names)}; default: all)",
            AllowMultipleArgumentsPerToken = false,
        };
        var threads = new Option<string[]>("--threads") { Description = "Thread count(s), repeatable or comma-separated (default: 1,2)" };
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file" };
        var quick = new Option<bool>("--quick") { Description = "A few steps and calls only: a smoke test, the numbers mean nothing" };
        var command = new Command("neural", "Training throughput (batch 64/256, Adam), batch-1 latency, GFLOP/s and memory of the named architectures; SGEMM vs FMA peak")
        {
            models, threads, json, quick,
        };
        command.SetAction((parse, ct) =>
        {
            var request = ParseRequest(parse.GetValue(models), parse.GetValue(threads), parse.GetValue(quick));
            var results = new List<ModelBenchmarkResult>();
            var sgemm = new Dictionary<int, SgemmBenchmarkResult>();
            foreach (int t in request.Threads)
            {
                context.Error.WriteLine($"bench: SGEMM 512³ and FMA peak, {t} thread(s)");
                sgemm[t] = ModelBenchmark.Sgemm512(t, request.Quick);
                foreach (var architecture in request.Models)
                    results.Add(ModelBenchmark.Run(architecture, new ModelBenchmarkOptions(t, Quick: request.Quick), new SyncProgress(context.Error), ct));
            }
            Render(context, results, sgemm);
            if (parse.GetValue(json) is { } path)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null) Directory.CreateDirectory(directory);
                File.WriteAllText(path, ToJson(results, sgemm));
                context.Console.WriteLine($"wrote {path}");
            }
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    internal sealed record NeuralBenchRequest(IReadOnlyList<ModelArchitecture> Models, IReadOnlyList<int> Threads, bool Quick);

    internal static NeuralBenchRequest ParseRequest(string[]? models, string[]? threads, bool quick)
    {
        var names = Split(models);
        IReadOnlyList<ModelArchitecture> architectures;
        try
        {
            architectures = names.Count == 0 ? ModelZoo.All : [.. names.Distinct(StringComparer.OrdinalIgnoreCase).Select(ModelZoo.Get)];
        }
        catch (ArgumentException e)
        {
            throw new SemgKit.Pipeline.SemgException(e.Message);
        }
        var counts = Split(threads).Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new SemgKit.Pipeline.SemgException($"--threads takes positive integers, got '{s}'.")).Distinct().ToList();
        return new NeuralBenchRequest(architectures, counts.Count == 0 ? [1, 2] : counts, quick);
    }

    private static List<string> Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static void Render(CliContext context, List<ModelBenchmarkResult> results, Dictionary<int, SgemmBenchmarkResult> sgemm)
    {
        var batches = results.SelectMany(r => r.TrainSamplesPerSecond.Keys).Distinct().Order().ToList();
        var table = new Table().Title("Neural benchmark (training: Adam, median step; inference: batch 1)");
        table.AddColumns("model", "threads", "parameters", "MFLOP/sample");
        foreach (int b in batches) table.AddColumn($"train b{b} (samples/s)");
        foreach (int b in batches) table.AddColumn($"train b{b} GFLOP/s");
        table.AddColumns("infer p50 (µs)", "infer p99 (µs)", "infer GFLOP/s", "infer alloc (B)", "heap (MiB)", "peak WS (MiB)");
        foreach (var r in results)
        {
            var row = new List<string>
            {
                Markup.Escape(r.Model), F(r.Threads), F(r.Parameters), (r.ForwardFlopsPerSample / 1e6).ToString("0.00", CultureInfo.InvariantCulture),
            };
            row.AddRange(batches.Select(b => r.TrainSamplesPerSecond.TryGetValue(b, out var v) ? v.ToString("0", CultureInfo.InvariantCulture) : "-"));
            row.AddRange(batches.Select(b => r.TrainGflops.TryGetValue(b, out var v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-"));
            row.Add(r.InferenceP50Microseconds.ToString("0.0", CultureInfo.InvariantCulture));
            row.Add(r.InferenceP99Microseconds.ToString("0.0", CultureInfo.InvariantCulture));
            row.Add(r.InferenceGflops.ToString("0.0", CultureInfo.InvariantCulture));
            row.Add(r.InferenceAllocatedBytes.ToString("0", CultureInfo.InvariantCulture));
            row.Add(r.ManagedHeapMiB.ToString("0.0", CultureInfo.InvariantCulture));
            row.Add(r.PeakWorkingSetMiB.ToString("0", CultureInfo.InvariantCulture));
            table.AddRow([.. row]);
        }
        context.Console.Write(table);
        var gemm = new Table().Title("SGEMM 512³ (best call) vs FMA peak").AddColumns("threads", "SGEMM GFLOP/s", "FMA peak GFLOP/s", "% of peak");
        foreach (var s in sgemm.Values)
            gemm.AddRow(F(s.Threads), s.SgemmGflops.ToString("0.0", CultureInfo.InvariantCulture), s.FmaPeakGflops.ToString("0.0", CultureInfo.InvariantCulture),
                (100 * s.SgemmGflops / s.FmaPeakGflops).ToString("0", CultureInfo.InvariantCulture));
        context.Console.Write(gemm);
        context.Console.WriteLine("Timings on a shared machine are noisy: repeat runs and compare like with like (same session).");
    }

    private static string F(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string ToJson(List<ModelBenchmarkResult> results, Dictionary<int, SgemmBenchmarkResult> sgemm)
    {
        var rows = results.Select(r => new Dictionary<string, object?>
        {
            ["model"] = r.Model,
            ["threads"] = r.Threads,
            ["parameters"] = r.Parameters,
            ["inputShape"] = r.InputShape,
            ["forwardFlopsPerSample"] = r.ForwardFlopsPerSample,
            ["trainSamplesPerSecond"] = r.TrainSamplesPerSecond.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            ["trainGflops"] = r.TrainGflops.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            ["inferenceMicroseconds"] = new Dictionary<string, double> { ["p50"] = r.InferenceP50Microseconds, ["p99"] = r.InferenceP99Microseconds },
            ["inferenceGflops"] = r.InferenceGflops,
            ["inferenceAllocatedBytesPerCall"] = r.InferenceAllocatedBytes,
            ["managedHeapMiB"] = r.ManagedHeapMiB,
            ["peakWorkingSetMiB"] = r.PeakWorkingSetMiB,
            ["sgemm512Gflops"] = sgemm.TryGetValue(r.Threads, out var s) ? s.SgemmGflops : null,
            ["fmaPeakGflops"] = sgemm.TryGetValue(r.Threads, out var s2) ? s2.FmaPeakGflops : null,
        });
        return JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes each progress line at once (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"bench: {value}");
    }

    private static Command CreateStream(CliContext context)
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
            LoadTestCommand.Render(context, r.CnnLstm16At2k, "16 channels at 2000 Hz, CNN-LSTM on raw 200 ms windows every 50 ms");
            LoadTestCommand.Render(context, r.MyoLike, "8 channels at 200 Hz (Myo-like)");
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parser → session → JSON sink, 16 ch × 2 kHz, 10 ms packets: {r.BytesPerPush:0.##} bytes allocated per packet in steady state; {r.TimesRealTime:0} × real time on one thread at max speed; CNN-LSTM bundle {r.CnnLstmBytesPerPush:0.##} bytes per packet"));
            context.Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            return Program.ExitOk;
        });
        return stream;
    }

    /// <summary><c>semg bench signal</c>: feature and filter speed, alternating with the numpy/scipy peer when it can run.</summary>
    private static Command CreateSignal(CliContext context)
    {
        var windows = new Option<int>("--windows") { Description = "Windows per batch pass", DefaultValueFactory = _ => 100_000 };
        var python = new Option<string>("--python") { Description = "Interpreter for the numpy/scipy peer (bench/peers/signal_peer.py); 'none' to skip", DefaultValueFactory = _ => "/usr/bin/python3" };
        var json = new Option<string?>("--json") { Description = "Write ours and the peer's figures as JSON to this file" };
        var command = new Command("signal", "Signal benchmarks: features on 8 × 200 windows (batch, single window, bytes per window), SAMPEN+FUZZYEN, causal band-pass; side by side with numpy/scipy")
        {
            windows, python, json,
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
                var label = Pipeline.Benchmarks.SignalBenchmark.FeatureWorkloads.First(w => w.Name == f.Name).Label;
                System.Text.Json.JsonElement? pr = theirs is { } t && t.TryGetProperty(f.Name, out var row) ? row : null;
                double? peerBatch = pr?.GetProperty("windowsPerSecond").GetDouble();
                table.AddRow($"{label}: batch windows/s, 1 thread", f.WindowsPerSecond.ToString("N0", c), peerBatch?.ToString("N0", c) ?? "–",
                    peerBatch is null ? "–" : (f.WindowsPerSecond / peerBatch.Value).ToString("0.0", c) + "×");
                table.AddRow($"{label}: batch windows/s, {f.Threads} threads (ExtractBatch)", f.ParallelWindowsPerSecond.ToString("N0", c), peerBatch is null ? "–" : "(numpy: 1 thread)",
                    peerBatch is null ? "–" : (f.ParallelWindowsPerSecond / peerBatch.Value).ToString("0.0", c) + "×");
                table.AddRow($"{label}: one window µs (median / p99)", string.Create(c, $"{f.SingleMedianMicroseconds:0.00} / {f.SingleP99Microseconds:0.00}"),
                    pr is null ? "–" : string.Create(c, $"{pr.Value.GetProperty("singleMedianMicroseconds").GetDouble():0.0} / {pr.Value.GetProperty("singleP99Microseconds").GetDouble():0.0}"),
                    pr is null ? "–" : (pr.Value.GetProperty("singleMedianMicroseconds").GetDouble() / f.SingleMedianMicroseconds).ToString("0.0", c) + "×");
                table.AddRow($"{label}: bytes allocated per window", f.BytesPerWindow.ToString("0.##", c), "", "");
            }
            table.AddRow("SAMPEN, s per 1000 windows", ours.SampleEntropySecondsPer1000Windows.ToString("0.000", c), "LibEMG 26 (quoted)", (26 / ours.SampleEntropySecondsPer1000Windows).ToString("0", c) + "×");
            table.AddRow("FUZZYEN, s per 1000 windows", ours.FuzzyEntropySecondsPer1000Windows.ToString("0.000", c), "LibEMG 42 (quoted)", (42 / ours.FuzzyEntropySecondsPer1000Windows).ToString("0", c) + "×");
            var filterPeer = theirs?.GetProperty("filter").GetProperty("samplesPerSecondPerChannel").GetDouble();
            table.AddRow("causal Butterworth BP order 4, 8 ch: samples/s per channel", ours.FilterSamplesPerSecondPerChannel.ToString("N0", c),
                filterPeer?.ToString("N0", c) ?? "–", filterPeer is null ? "–" : (ours.FilterSamplesPerSecondPerChannel / filterPeer.Value).ToString("0.0", c) + "×");
            context.Console.Write(table);
            context.Console.WriteLine(peer ? $"peer: {theirs?.GetProperty("peer").GetString()} ({script})" : "peer not run (needs /usr/bin/python3 with numpy and scipy, and bench/peers/signal_peer.py)");
            if (parse.GetValue(json) is { } path)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null) Directory.CreateDirectory(directory);
                var document = new Dictionary<string, object?> { ["semgkit"] = ours, ["peer"] = theirs };
                File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                context.Console.WriteLine($"wrote {path}");
            }
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static Pipeline.Benchmarks.SignalBenchmark.Result Best(Pipeline.Benchmarks.SignalBenchmark.Result a, Pipeline.Benchmarks.SignalBenchmark.Result b) => new(
        a.Features.Zip(b.Features, (x, y) => x with
        {
            WindowsPerSecond = Math.Max(x.WindowsPerSecond, y.WindowsPerSecond),
            ParallelWindowsPerSecond = Math.Max(x.ParallelWindowsPerSecond, y.ParallelWindowsPerSecond),
            SingleMedianMicroseconds = Math.Min(x.SingleMedianMicroseconds, y.SingleMedianMicroseconds),
            SingleP99Microseconds = Math.Min(x.SingleP99Microseconds, y.SingleP99Microseconds),
            BytesPerWindow = Math.Max(x.BytesPerWindow, y.BytesPerWindow),
        }).ToArray(),
        Math.Min(a.SampleEntropySecondsPer1000Windows, b.SampleEntropySecondsPer1000Windows),
        Math.Min(a.FuzzyEntropySecondsPer1000Windows, b.FuzzyEntropySecondsPer1000Windows),
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
