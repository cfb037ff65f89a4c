namespace SemgKit.Signal.Features;

/// <summary>FUZZYEN (Chen 2007; m = 2, r = 0.3 SD, n = 2 by default), one value per channel. Kernel: <see cref="Entropy.FuzzyEntropy"/>.</summary>
public sealed class FuzzyEntropy(int dimension = 2, float tolerance = 0.3f, int power = 2) : IFeature
{
    /// <summary>m, the template length.</summary>
    public int Dimension { get; } = FeatureArguments.InRange(dimension, 1, 16, "FUZZYEN dimension");

    /// <summary>r, the membership width in standard deviations of the window.</summary>
    public float Tolerance { get; } = FeatureArguments.Positive(tolerance, "FUZZYEN tolerance");

    /// <summary>n, the power of the distance in the membership exp(−dⁿ/r).</summary>
    public int Power { get; } = FeatureArguments.InRange(power, 1, 8, "FUZZYEN power");

    /// <inheritdoc/>
    public string Code => "FUZZYEN";

    /// <inheritdoc/>
    public string Name => "Fuzzy entropy";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Entropy.FuzzyEntropy(channelWindow, Dimension, Tolerance, Power);
}
