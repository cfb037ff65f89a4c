using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet entropy (WENT), LibEMG's definition (feature_extractor.py getWENTfeat): each coefficient array c of the
/// LibEMG wavelet decomposition (see <see cref="LibEmgWaveletFeature"/>) gives the Shannon entropy −Σ pᵢ·ln pᵢ of pᵢ = cᵢ²/Σ c² (natural log). Where LibEMG yields NaN (a coefficient exactly 0, or an all-zero array), here 0·ln 0 counts as 0 and an all-zero array gives 0.
/// </summary>
public sealed class WaveletEntropy : LibEmgWaveletFeature
{
    /// <summary>The feature at <paramref name="sampleRateHz"/> (default 1000 Hz) with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletEntropy(double sampleRateHz = 1000, Wavelet? wavelet = null)
        : base(sampleRateHz, wavelet)
    {
    }

    /// <inheritdoc/>
    public override string Code => "WENT";

    /// <inheritdoc/>
    public override string Name => "Wavelet entropy";

    /// <inheritdoc/>
    protected override double Reduce(ReadOnlySpan<double> c)
    {
        var total = 0.0;
        foreach (var v in c)
            total += v * v;
        if (total <= 0)
            return 0;
        var h = 0.0;
        foreach (var v in c)
        {
            var p = v * v / total;
            if (p > 0)
                h -= p * Math.Log(p);
        }
        return h;
    }
}
