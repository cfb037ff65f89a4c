using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SemgKit.Neural.Models;
using Spectre.Console;

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
}
