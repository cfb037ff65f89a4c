using BenchmarkDotNet.Attributes;
using SemgKit.Learning;

namespace SemgKit.Benchmarks;

/// <summary>LDA prediction cost per window at F = 32 features × K = 8 classes (one Predict per op).</summary>
[MemoryDiagnoser]
public class LdaBenchmarks
{
    private const int Features = 32;
    private const int Classes = 8;
    private LdaClassifier _model = null!;
    private float[] _row = null!;
    private readonly float[] _probabilities = new float[Classes];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        const int n = 2000;
        var data = new float[n * Features];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % Classes;
            for (var j = 0; j < Features; j++) data[i * Features + j] = (float)(rng.NextDouble() + 0.3 * y[i] * ((j + y[i]) % 3));
        }
        _model = Lda.Fit(new FeatureMatrix(data, n, Features), y, new LdaOptions { Shrinkage = LdaShrinkage.Auto });
        _row = data.AsSpan(5 * Features, Features).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int PredictLabel() => _model.Predict(_row, Span<float>.Empty);

    [Benchmark]
    public int PredictWithProbabilities() => _model.Predict(_row, _probabilities);
}
