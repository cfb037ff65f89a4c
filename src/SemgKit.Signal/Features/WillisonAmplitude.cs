namespace SemgKit.Signal.Features;

/// <summary>WAMP (Phinyomark 2012; count of |Δx| &gt; threshold), one value per channel. Kernel: <see cref="TimeDomain.WillisonAmplitude"/>.</summary>
public sealed class WillisonAmplitude(float threshold = WillisonAmplitude.LibEmgDefaultThreshold) : IFeature
{
    /// <summary>LibEMG's default threshold, 0.002 signal units (it suits volts; pass a threshold in your units).</summary>
    public const float LibEmgDefaultThreshold = 2e-3f;

    /// <summary>The minimum |xᵢ₊₁ − xᵢ| (exclusive), in signal units.</summary>
    public float Threshold { get; } = FeatureArguments.Threshold(threshold, "WAMP");

    /// <inheritdoc/>
    public string Code => "WAMP";

    /// <inheritdoc/>
    public string Name => "Willison amplitude";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.WillisonAmplitude(channelWindow, Threshold);
}
