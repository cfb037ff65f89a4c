using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet variance (WV), LibEMG's definition (feature_extractor.py getWVfeat): the window is decomposed with
/// <c>pywt.wavedec(x, 'sym8', level=L)</c>, L = ⌊log2(fs/2) − 1⌋ (7 at 1 kHz; LibEMG allows L above pywt's maximum
/// level), and each of the L + 1 coefficient arrays c (pywt order: cA_L, cD_L, …, cD_1) gives ln(var(c²) + 1e-10), the population variance (numpy <c>np.var</c>, divisor n) of the squared coefficients.
/// ValuesPerChannel = L + 1 (8 at 1 kHz). Another wavelet may be passed; sym8 is LibEMG's (after Khushaba).
/// </summary>
public sealed class WaveletVariance : IFeature
{
    /// <summary>The feature for signals sampled at <paramref name="sampleRateHz"/> (LibEMG's <c>WV_fs</c>, default 1000), with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletVariance(double sampleRateHz = 1000, Wavelet? wavelet = null)
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
    public string Code => "WV";

    /// <inheritdoc/>
    public string Name => "Wavelet variance";

    /// <inheritdoc/>
    public int ValuesPerChannel => Level + 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        LibEmgWavelet.Extract(channelWindow, Wavelet, Level, destination, Reduce);

    private static double Reduce(ReadOnlySpan<double> c)
    {
        var mean = 0.0;
        foreach (var v in c)
            mean += v * v;
        mean /= c.Length;
        var ss = 0.0;
        foreach (var v in c)
        {
            var d = v * v - mean;
            ss += d * d;
        }
        return Math.Log(ss / c.Length + 1e-10);
    }
}
