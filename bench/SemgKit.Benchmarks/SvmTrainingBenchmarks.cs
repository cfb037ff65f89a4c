using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SemgKit.Learning;

namespace SemgKit.Benchmarks;

/// <summary>
/// SVM training on the peer's 'emg4' set (20 000 × 32, K = 4, RBF, C = 10, gamma = 'scale'), the issue's
/// target of ≤ 1.0× scikit-learn's <c>SVC.fit</c>. Peer: bench/peers/bench_svm_peer.py. Each op is one
/// full fit (seconds), so the job runs a few single-shot iterations.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class SvmTrainingBenchmarks
{
    private FeatureMatrix _x;
    private int[] _y = null!;

    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = SvmBenchData.Load();
        (_x, _y) = (data.Train, data.TrainY);
        Console.WriteLine($"// SVM data: {data.Source}");
    }

    [Benchmark]
    public SvmClassifier FitRbfC10() =>
        Svm.Fit(_x, _y, new SvmOptions { Kernel = SvmKernel.Rbf, C = 10, MaxDegreeOfParallelism = Parallelism });
}
