namespace SemgKit.Signal.Features;

/// <summary>
/// FUZZYEN (Chen 2007; m = 2, r = 0.3 SD, n = 2 by default), one value per channel: the membership width is
/// r_abs = <see cref="Tolerance"/> × SD, with SD each window's own sample SD by default (LibEMG's Python), or the fixed
/// <see cref="ReferenceStandardDeviation"/> when one is given (LibEMG's MATLAB reference passes 0.3 × the sample SD of
/// the whole recording's channel: a value from outside the window, so one descriptor per channel).
/// Kernels: <see cref="Entropy.FuzzyEntropy"/>, <see cref="Entropy.FuzzyEntropyAbsolute"/>.
/// </summary>
public sealed class FuzzyEntropy(int dimension = 2, float tolerance = 0.3f, int power = 2, double? referenceStandardDeviation = null) : IFeature
{
    /// <summary>m, the template length.</summary>
    public int Dimension { get; } = FeatureArguments.InRange(dimension, 1, 16, "FUZZYEN dimension");

    /// <summary>r, the membership width in standard deviations (of the window, or <see cref="ReferenceStandardDeviation"/>).</summary>
    public float Tolerance { get; } = FeatureArguments.Positive(tolerance, "FUZZYEN tolerance");

    /// <summary>n, the power of the distance in the membership exp(−dⁿ/r_abs).</summary>
    public int Power { get; } = FeatureArguments.InRange(power, 1, 8, "FUZZYEN power");

    /// <summary>
    /// The SD (signal units) that scales <see cref="Tolerance"/> in every window, e.g. the calibration recording's
    /// channel SD; null (default): each window's sample SD.
    /// </summary>
    public double? ReferenceStandardDeviation { get; } = referenceStandardDeviation is not { } sd || (sd > 0 && double.IsFinite(sd))
        ? referenceStandardDeviation
        : throw new ArgumentOutOfRangeException(nameof(referenceStandardDeviation), referenceStandardDeviation, "The FUZZYEN reference SD must be finite and > 0.");

    /// <inheritdoc/>
    public string Code => "FUZZYEN";

    /// <inheritdoc/>
    public string Name => "Fuzzy entropy";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = ReferenceStandardDeviation is { } sd
        ? Entropy.FuzzyEntropyAbsolute(channelWindow, Dimension, Tolerance * sd, Power)
        : Entropy.FuzzyEntropy(channelWindow, Dimension, Tolerance, Power);
}
