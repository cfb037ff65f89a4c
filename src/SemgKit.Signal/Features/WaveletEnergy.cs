using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet energy (WENG), LibEMG's definition (feature_extractor.py getWENGfeat): each coefficient array c of the
/// LibEMG wavelet decomposition (see <see cref="LibEmgWaveletFeature"/>) gives ln(Σ c² + 1e-10).
/// </summary>
public sealed class WaveletEnergy : LibEmgWaveletFeature
{
    /// <summary>The feature at <paramref name="sampleRateHz"/> (default 1000 Hz) with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletEnergy(double sampleRateHz = 1000, Wavelet? wavelet = null)
        : base(sampleRateHz, wavelet)
    {
    }

    /// <inheritdoc/>
    public override string Code => "WENG";

    /// <inheritdoc/>
    public override string Name => "Wavelet energy";

    /// <inheritdoc/>
    protected override double Reduce(ReadOnlySpan<double> c)
    {
        var sum = 0.0;
        foreach (var v in c)
            sum += v * v;
        return Math.Log(sum + 1e-10);
    }
}
