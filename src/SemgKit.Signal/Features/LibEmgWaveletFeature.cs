using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// The shared shape of LibEMG's wavelet features (WENG, WV, WWL, WENT): the window is decomposed with
/// <c>pywt.wavedec(x, 'sym8', level=L)</c>, L = ⌊log2(fs/2) − 1⌋ (7 at 1 kHz; LibEMG allows L above pywt's maximum
/// level), and each of the L + 1 coefficient arrays (pywt order: cA_L, cD_L, …, cD_1) is reduced to one value by
/// <see cref="Reduce"/>. ValuesPerChannel = L + 1 (8 at 1 kHz). Another wavelet may be passed; sym8 is LibEMG's (after Khushaba).
/// </summary>
public abstract class LibEmgWaveletFeature : IFeature
{
    private readonly Func<ReadOnlySpan<double>, double> _reduce;

    /// <summary>The feature for signals sampled at <paramref name="sampleRateHz"/> (LibEMG's <c>*_fs</c>, default 1000), with sym8 unless <paramref name="wavelet"/> is given.</summary>
    protected LibEmgWaveletFeature(double sampleRateHz, Wavelet? wavelet)
    {
        Level = LibEmgWavelet.Level(sampleRateHz);
        SampleRateHz = sampleRateHz;
        Wavelet = wavelet ?? Wavelet.Symlet(8);
        _reduce = Reduce;
    }

    /// <summary>The sample rate the level was derived from.</summary>
    public double SampleRateHz { get; }

    /// <summary>L, the decomposition level.</summary>
    public int Level { get; }

    /// <summary>The wavelet (sym8 by default).</summary>
    public Wavelet Wavelet { get; }

    /// <inheritdoc/>
    public abstract string Code { get; }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public int ValuesPerChannel => Level + 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        LibEmgWavelet.Extract(channelWindow, Wavelet, Level, destination, _reduce);

    /// <summary>One coefficient array → one feature value.</summary>
    protected abstract double Reduce(ReadOnlySpan<double> coefficients);
}
