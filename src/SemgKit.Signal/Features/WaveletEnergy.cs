using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet energy (WENG), LibEMG's definition (feature_extractor.py getWENGfeat): the window is decomposed with
/// <c>pywt.wavedec(x, 'sym8', level=L)</c>, L = ⌊log2(fs/2) − 1⌋ (7 at 1 kHz; LibEMG allows L above pywt's maximum
/// level), and each of the L + 1 coefficient arrays c (pywt order: cA_L, cD_L, …, cD_1) gives ln(Σ c² + 1e-10).
/// ValuesPerChannel = L + 1 (8 at 1 kHz). Another wavelet may be passed; sym8 is LibEMG's (after Khushaba).
/// </summary>
public sealed class WaveletEnergy : IFeature
{
    /// <summary>The feature for signals sampled at <paramref name="sampleRateHz"/> (LibEMG's <c>WENG_fs</c>, default 1000), with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletEnergy(double sampleRateHz = 1000, Wavelet? wavelet = null)
    {
        Level = LibEmgWavelet.Level(sampleRateHz);
        SampleRateHz = sampleRateHz;
        Wavelet = wavelet ?? Wavelet.Symlet(8);
    }

    /// <summary>The sample rate the level was derived from.</summary>
    public double SampleRateHz { get; }

    /// <summary>L, the decomposition level.</summary>
    public int Level { get; }

    /// <summary>The wavelet (sym8 by default).</summary>
    public Wavelet Wavelet { get; }

    /// <inheritdoc/>
    public string Code => "WENG";

    /// <inheritdoc/>
    public string Name => "Wavelet energy";

    /// <inheritdoc/>
    public int ValuesPerChannel => Level + 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        LibEmgWavelet.Extract(channelWindow, Wavelet, Level, destination, Reduce);

    private static double Reduce(ReadOnlySpan<double> c)
    {
        var sum = 0.0;
        foreach (var v in c)
            sum += v * v;
        return Math.Log(sum + 1e-10);
    }
}
