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
        double trainPerSecond = 64 / Median(steps);

        var inference = make();
        var one = RandomTensors.Normal(2, [1, .. sample]);
        for (int i = 0; i < 200; i++) inference.Forward(one, training: false);
        var calls = new List<double>();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        total.Restart();
        while (calls.Count < 1000 || (total.Elapsed.TotalSeconds < 2 && calls.Count < 20000))
        {
            long t0 = Stopwatch.GetTimestamp();
            inference.Forward(one, training: false);
            calls.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        string line = $"{name,-20} train batch 64: {trainPerSecond,8:F0} samples/s   batch-1 inference: median {Median(calls) * 1e6,7:F1} µs " +
            $"(p90 {Percentile(calls, 0.9) * 1e6:F1} µs)   allocated {allocated} B over {calls.Count} calls   params {model.ParameterCount()}";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "semgkit-recurrent-bench.txt"), line + Environment.NewLine);
    }

    private static double Median(List<double> v) => Percentile(v, 0.5);

    private static double Percentile(List<double> v, double q)
    {
        var s = v.Order().ToArray();
        return s[(int)Math.Min(s.Length - 1, Math.Round(q * (s.Length - 1)))];
    }
}
