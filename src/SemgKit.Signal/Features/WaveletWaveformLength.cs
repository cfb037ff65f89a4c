using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet waveform length (WWL), LibEMG's definition (feature_extractor.py getWWLfeat): each coefficient array c of the
/// LibEMG wavelet decomposition (see <see cref="LibEmgWaveletFeature"/>) gives ln(Σ |c²ᵢ₊₁ − c²ᵢ| + 1e-10), the waveform length of the squared coefficients.
/// </summary>
public sealed class WaveletWaveformLength : LibEmgWaveletFeature
{
    /// <summary>The feature at <paramref name="sampleRateHz"/> (default 1000 Hz) with sym8 unless <paramref name="wavelet"/> is given.</summary>
    public WaveletWaveformLength(double sampleRateHz = 1000, Wavelet? wavelet = null)
        : base(sampleRateHz, wavelet)
    {
    }

    /// <inheritdoc/>
    public override string Code => "WWL";

    /// <inheritdoc/>
    public override string Name => "Wavelet waveform length";

    /// <inheritdoc/>
    protected override double Reduce(ReadOnlySpan<double> c)
    {
        var sum = 0.0;
        for (var i = 1; i < c.Length; i++)
            sum += Math.Abs(c[i] * c[i] - c[i - 1] * c[i - 1]);
        return Math.Log(sum + 1e-10);
    }
}
