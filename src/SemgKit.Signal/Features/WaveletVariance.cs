using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet variance (WV), LibEMG's definition (feature_extractor.py getWVfeat): each coefficient array c of the
/// LibEMG wavelet decomposition (see <see cref="LibEmgWaveletFeature"/>) gives ln(var(c²) + 1e-10), the population variance (numpy <c>np.var</c>, divisor n) of the squared coefficients.
/// </summary>
public sealed class WaveletVariance : LibEmgWaveletFeature
{
    /// <summary>The feature at <paramref name="sampleRateHz"/> (default 1000 Hz) with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletVariance(double sampleRateHz = 1000, Wavelet? wavelet = null)
        : base(sampleRateHz, wavelet)
    {
    }

    /// <inheritdoc/>
    public override string Code => "WV";

    /// <inheritdoc/>
    public override string Name => "Wavelet variance";

    /// <inheritdoc/>
    protected override double Reduce(ReadOnlySpan<double> c)
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
