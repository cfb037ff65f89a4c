using System.Diagnostics;
using SemgKit.Neural.Kernels;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Optimizers;

namespace SemgKit.Neural.Models;

/// <summary>What <see cref="ModelBenchmark.Run"/> measures and how long.</summary>
/// <param name="Quick">Few steps and calls: a smoke test (numbers meaningless).</param>
public sealed record ModelBenchmarkOptions(int Threads = 1, IReadOnlyList<int>? TrainBatchSizes = null, bool Quick = false, ulong Seed = 0)
{
    public IReadOnlyList<int> BatchSizes => TrainBatchSizes ?? [64, 256];
}

/// <summary>One architecture at one thread count.</summary>
/// <param name="TrainSamplesPerSecond">Batch size → samples/s (median step time).</param>
/// <param name="TrainGflops">Batch size → GFLOP/s, counting a training step as 3 forward passes (forward + 2× for backward).</param>
/// <param name="InferenceP50Microseconds">Batch-1 forward latency, median.</param>
/// <param name="InferenceAllocatedBytes">Managed bytes allocated per batch-1 forward after warm-up (0 = allocation-free).</param>
/// <param name="ManagedHeapMiB">GC heap size after this model's training (model, optimiser state, layer buffers and whatever else is live).</param>
/// <param name="PeakWorkingSetMiB">Process peak working set so far (monotone over a run: a model raises it only if it needed more).</param>
public sealed record ModelBenchmarkResult(
    string Model, int Threads, long Parameters, int[] InputShape, long ForwardFlopsPerSample,
    IReadOnlyDictionary<int, double> TrainSamplesPerSecond, IReadOnlyDictionary<int, double> TrainGflops,
    double InferenceP50Microseconds, double InferenceP99Microseconds, double InferenceGflops, double InferenceAllocatedBytes,
    double ManagedHeapMiB, double PeakWorkingSetMiB);

/// <summary>SGEMM (512³) against the measured FMA peak at one thread count.</summary>
public sealed record SgemmBenchmarkResult(int Threads, double SgemmGflops, double FmaPeakGflops);

/// <summary>
/// Training throughput and batch-1 latency of a named architecture, measured like shared/peers/bench_torch.py:
/// synthetic normal inputs and uniform labels of the right shape; Adam (lr 1e-3) steps of zero-grad, forward,
/// cross-entropy, backward, step on one fixed batch — a few warm-up steps, then at least 5 steps and 2 s (at most 100),
/// median step time; inference: 50 warm-up forwards (training = false), then at least 1000 calls and 1 s (at most 5000),
/// p50 and p99.
/// </summary>
public static class ModelBenchmark
{
    public static ModelBenchmarkResult Run(ModelArchitecture architecture, ModelBenchmarkOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var built = architecture.CreateDefault(options.Seed);
        var model = built.Model;
        model.SetThreads(options.Threads);
        long flops = FlopCounter.Forward(model, [1, .. built.InputShape]);
        var samplesPerSecond = new SortedDictionary<int, double>();
        var gflops = new SortedDictionary<int, double>();
        foreach (int batch in options.BatchSizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"{built.Name}, {options.Threads} thread(s): training at batch {batch}");
            double stepSeconds = TrainStepSeconds(architecture, options, batch, cancellationToken);
            samplesPerSecond[batch] = batch / stepSeconds;
            gflops[batch] = 3.0 * flops * batch / stepSeconds / 1e9;
        }
        double managed = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024);
        progress?.Report($"{built.Name}, {options.Threads} thread(s): batch-1 inference");
        var (p50, p99, allocated) = InferenceLatency(model, built.InputShape, options, cancellationToken);
        using var process = Process.GetCurrentProcess();
        return new ModelBenchmarkResult(built.Name, options.Threads, model.ParameterCount(), built.InputShape, flops,
            samplesPerSecond, gflops, p50 * 1e6, p99 * 1e6, flops / p50 / 1e9, allocated, managed, process.PeakWorkingSet64 / (1024.0 * 1024));
    }

    /// <summary>C = A·B for 512×512 matrices on <paramref name="threads"/> threads (best of several calls) and the FMA peak.</summary>
    public static SgemmBenchmarkResult Sgemm512(int threads, bool quick)
    {
        const int n = 512;
        var rng = new Rng(7);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextFloat() - 0.5f;
            b[i] = rng.NextFloat() - 0.5f;
        }
        // Warm-up long enough for the tiered JIT to finish promoting the packing loops and micro-kernels (a few calls left the
        // one-thread figure, measured first, at about half its steady value), then the best of the timed calls.
        var warmup = Stopwatch.StartNew();
        for (int i = 0; quick ? i < 2 : i < 40 || warmup.ElapsedMilliseconds < 400; i++)
            Sgemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n, threads);
        double best = double.MaxValue;
        int calls = quick ? 3 : 20;
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Sgemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n, threads);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        double peak = FmaPeak.MeasureGflops(threads, TimeSpan.FromMilliseconds(quick ? 50 : 500));
        return new SgemmBenchmarkResult(threads, 2.0 * n * n * n / best / 1e9, peak);
    }

    private static double TrainStepSeconds(ModelArchitecture architecture, ModelBenchmarkOptions options, int batch, CancellationToken cancellationToken)
    {
        var built = architecture.CreateDefault(options.Seed); // fresh weights per batch size, like the peer's deepcopy
        var model = built.Model;
        model.SetThreads(options.Threads);
        var rng = new Rng((ulong)batch);
        var x = new Tensor([batch, .. built.InputShape]);
        var xs = x.Span;
        for (int i = 0; i < xs.Length; i++) xs[i] = (float)rng.NextNormal();
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.NextInt(built.Classes);
        var optimizer = new Adam(model.Parameters(), 1e-3);
        var loss = new SoftmaxCrossEntropyLoss();

        void Step()
        {
            optimizer.ZeroGrad();
            var logits = model.Forward(x, training: true);
            loss.Forward(logits, labels);
            model.Backward(loss.Backward());
            optimizer.Step();
        }

        var durations = Timed(Step, options.Quick ? Warmup.Quick : Warmup.Training, minCalls: options.Quick ? 2 : 5, minSeconds: options.Quick ? 0 : 2, maxCalls: options.Quick ? 2 : 100, cancellationToken);
        return Percentile(durations, 0.5);
    }

    private static (double P50, double P99, double AllocatedPerCall) InferenceLatency(Layer model, int[] inputShape, ModelBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var rng = new Rng(1);
        var x = new Tensor([1, .. inputShape]);
        var xs = x.Span;
        for (int i = 0; i < xs.Length; i++) xs[i] = (float)rng.NextNormal();
        Warm(() => model.Forward(x, training: false), options.Quick ? Warmup.Quick : Warmup.Inference, cancellationToken);
        // the fewest bytes over three runs of 10 calls: a per-call allocation shows in every run, a one-off of the runtime's
        // (the tiered JIT promoting a method mid-run) does not recur
        double allocated = double.MaxValue;
        for (int run = 0; run < 3 && allocated > 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) model.Forward(x, training: false);
            allocated = Math.Min(allocated, (GC.GetAllocatedBytesForCurrentThread() - before) / 10.0);
        }
        var durations = Timed(() => model.Forward(x, training: false), Warmup.None, minCalls: options.Quick ? 20 : 1000, minSeconds: options.Quick ? 0 : 1, maxCalls: options.Quick ? 20 : 5000, cancellationToken);
        return (Percentile(durations, 0.5), Percentile(durations, 0.99), allocated);
    }

    /// <summary>
    /// Untimed calls before timing: at least <see cref="Calls"/> calls and <see cref="Seconds"/> of them, stopping at
    /// <see cref="MaxSeconds"/> (after at least 3 calls). The .NET tiered JIT first runs each method unoptimised, promotes it
    /// after 30 calls and compiles the optimised code in the background about 100 ms later, so a short warm-up times a mix of
    /// the two (attention-lstm-cnn training, batch 64, 1 thread: 9 071 samples/s after 3 warm-up steps, 11 307 with the JIT's
    /// tiering off). The peer's eager PyTorch has no JIT and warms up 3 steps.
    /// </summary>
    private readonly record struct Warmup(int Calls, double Seconds, double MaxSeconds)
    {
        public static readonly Warmup None = new(0, 0, 0);
        public static readonly Warmup Quick = new(1, 0, 0);
        public static readonly Warmup Training = new(40, 1.0, 8.0);
        public static readonly Warmup Inference = new(300, 0.5, 4.0);
    }

    private static void Warm(Action call, Warmup warmup, CancellationToken cancellationToken)
    {
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; ; i++)
        {
            double elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
            bool enough = i >= warmup.Calls && elapsed >= warmup.Seconds;
            if (enough || (i >= Math.Min(3, warmup.Calls) && elapsed >= warmup.MaxSeconds)) return;
            if ((i & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            call();
        }
    }

    private static double[] Timed(Action call, Warmup warmup, int minCalls, double minSeconds, int maxCalls, CancellationToken cancellationToken)
    {
        Warm(call, warmup, cancellationToken);
        var durations = new double[maxCalls];
        int count = 0;
        long begin = Stopwatch.GetTimestamp();
        while (count < maxCalls && (count < minCalls || Stopwatch.GetElapsedTime(begin).TotalSeconds < minSeconds))
        {
            if ((count & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            call();
            durations[count++] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        var used = durations[..count];
        Array.Sort(used);
        return used;
    }

    // numpy's default (linear) percentile of sorted values, as the peer's common.summarize.
    private static double Percentile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
