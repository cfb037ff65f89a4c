using System.Diagnostics;
using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Models;
using SemgKit.Neural.Optimizers;

namespace SemgKit.Neural.Tests;

/// <summary>
/// Speed of the recurrent architectures at 1 thread, measured like the peer's bench_torch.py: batch-64 training throughput
/// (Adam; zero-grad + forward + loss + backward + step on one fixed batch, median step after warm-up) and batch-1 inference
/// latency (median over ≥ 1000 calls). Category "Slow": run with <c>./test --slow --filter "FullyQualifiedName~RecurrentBenchmarks"</c>;
/// results go to the test output and to $TMPDIR/semgkit-recurrent-bench.txt.
/// </summary>
[Trait("Category", "Slow")]
public class RecurrentBenchmarks(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lstm")]
    [InlineData("cnn-lstm")]
    [InlineData("attention-lstm-cnn")]
    public void Speed(string name)
    {
        Func<Sequential> make = name switch
        {
            "lstm" => () => LstmModel.Create(32, 4),
            "cnn-lstm" => () => CnnLstmModel.Create(8, 1022, 4),
            _ => () => AttentionLstmCnnModel.Create(15, 10, 53),
        };
        int[] sample = name switch { "lstm" => [50, 32], "cnn-lstm" => [8, 1022], _ => [2, 15, 10] };
        int classes = name == "attention-lstm-cnn" ? 53 : 4;

        var model = make();
        var x = RandomTensors.Normal(1, [64, .. sample]);
        int[] labels = [.. Enumerable.Range(0, 64).Select(i => i % classes)];
        var loss = new SoftmaxCrossEntropyLoss();
        var adam = new Adam(model.Parameters());
        void Step()
        {
            adam.ZeroGrad();
            loss.Forward(model.Forward(x, training: true), labels);
            model.Backward(loss.Backward());
            adam.Step();
        }
        for (int i = 0; i < 5; i++) Step();
        var steps = new List<double>();
        var total = Stopwatch.StartNew();
        while (steps.Count < 10 || (total.Elapsed.TotalSeconds < 3 && steps.Count < 200))
        {
            long t0 = Stopwatch.GetTimestamp();
            Step();
            steps.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        double trainPerSecond = 64 / Median(steps), trainBest = 64 / Percentile(steps, 0.1);

        var inference = make();
        var one = RandomTensors.Normal(2, [1, .. sample]);
        for (int i = 0; i < 200; i++) inference.Forward(one, training: false);
        var calls = new List<double>(20000);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        total.Restart();
        while (calls.Count < 1000 || (total.Elapsed.TotalSeconds < 2 && calls.Count < 20000))
        {
            long t0 = Stopwatch.GetTimestamp();
            inference.Forward(one, training: false);
            calls.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        string line = $"{name,-20} train batch 64: {trainPerSecond,8:F0} samples/s (p10 step: {trainBest:F0})   batch-1 inference: median {Median(calls) * 1e6,7:F1} µs " +
            $"(p10 {Percentile(calls, 0.1) * 1e6:F1} µs)   allocated {allocated} B over {calls.Count} calls   params {model.ParameterCount()}";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "semgkit-recurrent-bench.txt"), line + Environment.NewLine);
    }

    [Theory]
    [InlineData("cnn-lstm", 64)]
    [InlineData("attention-lstm-cnn", 64)]
    [InlineData("attention-lstm-cnn", 1)]
    [InlineData("lstm", 64)]
    [InlineData("lstm", 1)]
    public void Profile(string name, int batch)
    {
        var model = name switch
        {
            "lstm" => LstmModel.Create(32, 4),
            "cnn-lstm" => CnnLstmModel.Create(8, 1022, 4),
            _ => AttentionLstmCnnModel.Create(15, 10, 53),
        };
        int[] sample = name switch { "lstm" => [50, 32], "cnn-lstm" => [8, 1022], _ => [2, 15, 10] };
        var x = RandomTensors.Normal(1, [batch, .. sample]);
        int layers = model.Count;
        var fwd = Enumerable.Repeat(double.MaxValue, layers).ToArray(); // minimum over repetitions: robust on a shared machine
        var bwd = Enumerable.Repeat(double.MaxValue, layers).ToArray();
        var outs = new Tensor[layers];
        int reps = batch == 1 ? 2000 : 20;
        for (int rep = -3; rep < reps; rep++)
        {
            var h = x;
            for (int i = 0; i < layers; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                h = model[i].Forward(h, training: batch > 1);
                if (rep >= 0) fwd[i] = Math.Min(fwd[i], Stopwatch.GetElapsedTime(t0).TotalSeconds);
                outs[i] = h;
            }
            if (batch == 1) continue;
            var g = new Tensor(h.ShapeArray());
            g.Fill(0.01f);
            for (int i = layers - 1; i >= 0; i--)
            {
                long t0 = Stopwatch.GetTimestamp();
                g = model[i].Backward(g);
                if (rep >= 0) bwd[i] = Math.Min(bwd[i], Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
        }
        var lines = Enumerable.Range(0, layers).Select(i =>
            $"  {i,2} {model[i].GetType().Name,-18} fwd {fwd[i] * 1e6,9:F1} µs  bwd {(batch == 1 ? 0 : bwd[i]) * 1e6,9:F1} µs");
        string text = $"{name} batch {batch} (fastest of {reps}): total fwd {fwd.Sum() * 1e6:F1} µs, bwd {(batch == 1 ? 0 : bwd.Sum()) * 1e6:F1} µs{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
        output.WriteLine(text);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "semgkit-recurrent-profile.txt"), text + Environment.NewLine);
    }

    [Fact]
    public void SgemmShapes()
    {
        var lines = new List<string>();
        void Time(string what, bool ta, bool tb, int m, int n, int k, int lda, int ldb, int ldc)
        {
            var a = RandomTensors.Normal(1, (ta ? k : m) * lda).Span.ToArray();
            var b = RandomTensors.Normal(2, (tb ? n : k) * ldb).Span.ToArray();
            var c = new float[m * ldc];
            double best = double.MaxValue;
            int reps = Math.Max(5, (int)(2e8 / ((double)m * n * k)));
            for (int r = 0; r < reps; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                SemgKit.Neural.Kernels.Sgemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 1f, c, ldc, 1);
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            lines.Add($"{what,-28} {(ta ? "T" : "N")}{(tb ? "T" : "N")} {m}×{n}×{k}: {best * 1e6,9:F1} µs  {(double)m * n * k / best / 1e9,6:F1} GFMA/s");
        }
        Time("lstm fwd proj", false, true, 3200, 256, 32, 32, 32, 256);
        Time("lstm fwd step", false, true, 64, 256, 64, 50 * 64, 64, 50 * 256);
        Time("lstm fwd step (Wᵀ)", false, false, 64, 256, 64, 50 * 64, 256, 50 * 256);
        Time("lstm bwd step", false, false, 64, 64, 256, 50 * 256, 64, 64);
        Time("lstm bwd step (Wᵀ)", false, true, 64, 64, 256, 50 * 256, 256, 64);
        Time("lstm dW fused", true, false, 256, 96, 3200, 256, 96, 96);
        Time("lstm dW_hh", true, false, 256, 64, 3200, 256, 64, 64);
        Time("lstm dW_ih", true, false, 256, 32, 3200, 256, 32, 32);
        Time("lstm dX", false, false, 3200, 32, 256, 256, 32, 32);
        Time("lstm b1 step", false, true, 1, 256, 64, 64, 64, 256);
        Time("lstm b1 step (Wᵀ)", false, false, 1, 256, 64, 64, 256, 256);
        Time("colconv b1 64×15×320", false, false, 64, 15, 320, 320, 15, 15);
        Time("colconv b1 15×64×320 TT", true, true, 15, 64, 320, 15, 320, 64);
        Time("colconv b1 15×64×320 NT", false, true, 15, 64, 320, 320, 320, 64);
        Time("colconv b64 64×960×320", false, false, 64, 960, 320, 320, 960, 960);
        string text = string.Join(Environment.NewLine, lines);
        output.WriteLine(text);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "semgkit-recurrent-profile.txt"), text + Environment.NewLine);
    }

    private static double Median(List<double> v) => Percentile(v, 0.5);

    private static double Percentile(List<double> v, double q)
    {
        var s = v.Order().ToArray();
        return s[(int)Math.Min(s.Length - 1, Math.Round(q * (s.Length - 1)))];
    }
}
