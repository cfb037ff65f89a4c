namespace SemgKit.Signal.Features;

/// <summary>SSC (LibEMG's product convention, see the kernel), one value per channel. Kernel: <see cref="TimeDomain.SlopeSignChanges"/>.</summary>
public sealed class SlopeSignChanges(float threshold = 0) : IFeature
{
    /// <summary>The minimum (xᵢ − xᵢ₋₁)(xᵢ − xᵢ₊₁), in squared signal units (LibEMG's convention).</summary>
    public float Threshold { get; } = threshold >= 0 && float.IsFinite(threshold)
        ? threshold
        : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The SSC threshold must be finite and ≥ 0.");

    /// <inheritdoc/>
    public string Code => "SSC";

    /// <inheritdoc/>
    public string Name => "Slope sign changes";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.SlopeSignChanges(channelWindow, Threshold);
}
