using BenchmarkDotNet.Attributes;
using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;

namespace SemgKit.Benchmarks;

/// <summary>
/// Feature extraction on 8 channels × 200-sample windows (fs = 1 kHz): the Hudgins set, the TDFD set (time domain +
/// MNF MDF PKF MNP sharing one FFT per channel window) and SAMPEN + FUZZYEN (m = 2, r = 0.3), one window and a batch of
/// 1000 windows (step 25 over a 8 × 25 175-sample block). Peer: LibEMG's FeatureExtractor on the same (1000, 8, 200)
/// array takes about 26 s for SAMPEN and 42 s for FUZZYEN.
/// Run: <c>dotnet run -c Release --project bench/SemgKit.Benchmarks -- --filter '*FeatureBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private const int Channels = 8;
    private const int Length = 200;
    private const int Step = 25;
    private const int Windows = 1000;
    private const int Samples = Length + (Windows - 1) * Step;

    private float[] _block = [];
    private FeatureSet _hudgins = null!;
    private FeatureSet _tdfd = null!;
    private FeatureSet _entropy = null!;
    private FeatureSet _sampEn = null!;
    private FeatureSet _fuzzyEn = null!;
    private float[] _row = [];
    private float[] _matrix = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _block = new float[Channels * Samples];
        for (var i = 0; i < _block.Length; i++)
            _block[i] = MathF.Round((float)(rng.NextDouble() * 2 - 1) * 20); // Myo-like integers
        _hudgins = FeatureCatalog.Parse("Hudgins");
        _tdfd = FeatureCatalog.Parse("TDFD", 1000);
        _entropy = FeatureCatalog.Parse("SAMPEN,FUZZYEN");
        _sampEn = FeatureCatalog.Parse("SAMPEN");
        _fuzzyEn = FeatureCatalog.Parse("FUZZYEN");
        _row = new float[_tdfd.ValuesPerWindow(Channels)];
        _matrix = new float[Windows * _tdfd.ValuesPerWindow(Channels)];
    }

    private MultiChannelWindow First => new(_block, Channels, Samples, 0, Length);

    [Benchmark]
    public void HudginsOneWindow() => _hudgins.Extract(First, _row);

    [Benchmark]
    public int Hudgins1000Windows() => _hudgins.ExtractWindows(_block, Channels, Length, Step, _matrix);

    [Benchmark]
    public void TdfdOneWindow() => _tdfd.Extract(First, _row);

    [Benchmark]
    public int Tdfd1000Windows() => _tdfd.ExtractWindows(_block, Channels, Length, Step, _matrix);

    [Benchmark]
    public void SampEnFuzzyEnOneWindow() => _entropy.Extract(First, _row);

    [Benchmark]
    public int SampEnFuzzyEn1000Windows() => _entropy.ExtractWindows(_block, Channels, Length, Step, _matrix);

    [Benchmark]
    public int SampEn1000Windows() => _sampEn.ExtractWindows(_block, Channels, Length, Step, _matrix);

    [Benchmark]
    public int FuzzyEn1000Windows() => _fuzzyEn.ExtractWindows(_block, Channels, Length, Step, _matrix);
}
