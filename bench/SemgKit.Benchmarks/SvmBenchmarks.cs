using BenchmarkDotNet.Attributes;
using SemgKit.Learning;

namespace SemgKit.Benchmarks;

/// <summary>
/// SVM prediction cost per window on the peer's 'emg4' model (RBF, C = 10, ~6 500 support vectors):
/// one <see cref="SvmClassifier.Predict"/> per op, cycling through the 2 000 test rows. The target
/// is ≥ 5× faster than scikit-learn's single-row <c>SVC.predict</c>. Peer: bench/peers/bench_svm_peer.py.
/// </summary>
[MemoryDiagnoser]
public class SvmBenchmarks
{
    private SvmClassifier _model = null!;
    private FeatureMatrix _test;
    private readonly float[] _probabilities = new float[SvmBenchData.Classes];
    private int _row;

    [GlobalSetup]
    public void Setup()
    {
        var data = SvmBenchData.Load();
        _model = Svm.Fit(data.Train, data.TrainY, new SvmOptions { Kernel = SvmKernel.Rbf, C = 10 });
        _test = data.Test;
        var correct = 0;
        for (var i = 0; i < _test.RowCount; i++) correct += _model.Predict(_test.Row(i), Span<float>.Empty) == data.TestY[i] ? 1 : 0;
        Console.WriteLine($"// SVM data: {data.Source}; support vectors {_model.SupportIndices.Length}; test accuracy {(double)correct / _test.RowCount:F4}");
    }

    [Benchmark(Baseline = true)]
    public int PredictLabel()
    {
        _row = _row + 1 == _test.RowCount ? 0 : _row + 1;
        return _model.Predict(_test.Row(_row), Span<float>.Empty);
    }

    [Benchmark]
    public int PredictWithProbabilities()
    {
        _row = _row + 1 == _test.RowCount ? 0 : _row + 1;
        return _model.Predict(_test.Row(_row), _probabilities);
    }
}
