using BenchmarkDotNet.Attributes;
using SemgKit.Signal.Features;
using SemgKit.Signal.Filters;
using SemgKit.Signal.Windows;

namespace SemgKit.Benchmarks;

/// <summary>
/// Signal layer throughput: causal 4th-order Butterworth band-pass 20–450 Hz at 1 kHz (4 sections) over
/// 8 channels × 10 000 samples, and Hudgins features (MAV WL ZC SSC) on 8 × 200 windows.
/// Peer: <c>scipy.signal.sosfilt(sos, x, axis=-1)</c> on the same (8, 10000) float64 array.
/// Run: <c>dotnet run -c Release --project bench/SemgKit.Benchmarks -- --filter '*SignalBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SignalBenchmarks
{
    private const int Channels = 8;
    private const int Samples = 10_000;

    private float[] _channelMajor = [];
    private float[] _frameMajor = [];
    private float[] _output = [];
    private MultiChannelSosFilter _multi = null!;
    private SosFilter[] _single = [];
    private FeatureSet _hudgins = null!;
    private float[] _row = [];
    private float[] _matrix = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _channelMajor = new float[Channels * Samples];
        for (var i = 0; i < _channelMajor.Length; i++)
            _channelMajor[i] = (float)(rng.NextDouble() * 2 - 1);
        _frameMajor = new float[Channels * Samples];
        for (var c = 0; c < Channels; c++)
            for (var t = 0; t < Samples; t++)
                _frameMajor[t * Channels + c] = _channelMajor[c * Samples + t];
        _output = new float[Channels * Samples];
        var sos = Butterworth.BandPass(4, 20, 450, 1000);
        _multi = new MultiChannelSosFilter(sos, Channels);
        _single = [.. Enumerable.Range(0, Channels).Select(_ => new SosFilter(sos))];
        _hudgins = FeatureSet.Hudgins(0.01, 1e-4);
        _row = new float[_hudgins.ValuesPerWindow(Channels)];
        _matrix = new float[SlidingWindows.Count(Samples, 200, 25) * _row.Length];
    }

    /// <summary>8 channels × 10 000 samples, frame-major (device layout).</summary>
    [Benchmark(Baseline = true)]
    public void SosBandPass8ChFrameMajor() => _multi.ProcessFrameMajor(_frameMajor, _output);

    /// <summary>8 channels × 10 000 samples, channel-major.</summary>
    [Benchmark]
    public void SosBandPass8ChChannelMajor() => _multi.ProcessChannelMajor(_channelMajor, _output);

    /// <summary>8 single-channel filters over channel-major data (scalar recursion, section by section).</summary>
    [Benchmark]
    public void SosBandPass8xSingleChannel()
    {
        for (var c = 0; c < Channels; c++)
            _single[c].Process(_channelMajor.AsSpan(c * Samples, Samples), _output.AsSpan(c * Samples, Samples));
    }

    /// <summary>One 8 × 200 window → 32 Hudgins values.</summary>
    [Benchmark]
    public void HudginsOneWindow8x200() => _hudgins.Extract(new MultiChannelWindow(_channelMajor, Channels, Samples, 0, 200), _row);

    /// <summary>All 393 windows (200 samples, step 25) of 8 × 10 000 samples.</summary>
    [Benchmark]
    public int Hudgins393Windows8x200() => _hudgins.ExtractWindows(_channelMajor, Channels, 200, 25, _matrix);
}
