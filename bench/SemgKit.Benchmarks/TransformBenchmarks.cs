using BenchmarkDotNet.Attributes;
using SemgKit.Signal.Features;
using SemgKit.Signal.Transforms;
using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;

namespace SemgKit.Benchmarks;

/// <summary>
/// Transforms: Hann spectrogram (256-sample segments, 128 overlap, PSD) of 8 channels × 2 s at 1 kHz into a
/// (C, F, T) = (8, 129, 14) tensor, the same as complex STFT (scipy defaults, boundary + padding → (8, 129, 17));
/// and wavelet-packet node energies (db4, depth 3 → 8 values per channel) over 8 channels × 200-sample windows.
/// Peers: <c>scipy.signal.spectrogram(x, 1000, 'hann', 256, 128)</c> / <c>scipy.signal.stft</c> on (8, 2000) float64;
/// <c>pywt.WaveletPacket(w, 'db4', 'symmetric', 3)</c> per channel.
/// Run: <c>dotnet run -c Release --project bench/SemgKit.Benchmarks -- --filter '*TransformBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TransformBenchmarks
{
    private const int Channels = 8;
    private const int Samples = 2000;
    private const int WindowSamples = 200;

    private float[] _block = [];
    private Spectrogram _spectrogram = null!;
    private Stft _stft = null!;
    private float[] _tensor = [];
    private System.Numerics.Complex[] _complex = [];
    private FeatureSet _wpe = null!;
    private float[] _row = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _block = new float[Channels * Samples];
        for (var i = 0; i < _block.Length; i++)
            _block[i] = (float)(rng.NextDouble() * 2 - 1);
        _spectrogram = new Spectrogram(new SpectrogramOptions { WindowSamples = 256, OverlapSamples = 128 }, 1000);
        _tensor = new float[_spectrogram.ValuesPerBlock(Channels, Samples)];
        _stft = new Stft(new StftOptions { WindowSamples = 256, OverlapSamples = 128 }, 1000);
        _complex = new System.Numerics.Complex[_stft.BinCount * _stft.FrameCount(Samples)];
        _wpe = new FeatureSet(new WaveletPacketEnergy(Wavelet.Daubechies(4), 3));
        _row = new float[_wpe.ValuesPerWindow(Channels)];
    }

    /// <summary>8 ch × 2 s → (8, 129, 14) float PSD tensor.</summary>
    [Benchmark(Baseline = true)]
    public void Spectrogram8Ch2s() => _spectrogram.ApplyMultiChannel(_block, Channels, _tensor);

    /// <summary>8 ch × 2 s complex STFT (scipy defaults: zero boundary, padded).</summary>
    [Benchmark]
    public void Stft8Ch2s()
    {
        for (var c = 0; c < Channels; c++)
            _stft.Forward(_block.AsSpan(c * Samples, Samples), _complex);
    }

    /// <summary>One window of 8 ch × 200 samples → 8 × 8 WP node energies (db4, depth 3).</summary>
    [Benchmark]
    public void WaveletPacketDepth3Db4_8x200() =>
        _wpe.Extract(new MultiChannelWindow(_block, Channels, Samples, 0, WindowSamples), _row);
}
