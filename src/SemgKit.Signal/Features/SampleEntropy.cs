namespace SemgKit.Signal.Features;

/// <summary>SAMPEN (Richman &amp; Moorman 2000; m = 2, r = 0.3 SD by default), one value per channel. Kernel: <see cref="Entropy.SampleEntropy"/>.</summary>
public sealed class SampleEntropy(int dimension = 2, float tolerance = 0.3f) : IFeature
{
    /// <summary>m, the template length.</summary>
    public int Dimension { get; } = FeatureArguments.InRange(dimension, 1, 16, "SAMPEN dimension");

    /// <summary>r, the match tolerance in standard deviations of the window.</summary>
    public float Tolerance { get; } = FeatureArguments.Positive(tolerance, "SAMPEN tolerance");

    /// <inheritdoc/>
    public string Code => "SAMPEN";

    /// <inheritdoc/>
    public string Name => "Sample entropy";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Entropy.SampleEntropy(channelWindow, Dimension, Tolerance);
}
