namespace SemgKit.Signal.Features;

/// <summary>ZC (Hudgins 1993; sign change and |xᵢ − xᵢ₊₁| ≥ threshold), one value per channel. Kernel: <see cref="TimeDomain.ZeroCrossings"/>.</summary>
public sealed class ZeroCrossings(float thresholdAbs = 0) : IFeature
{
    /// <summary>The minimum |xᵢ − xᵢ₊₁| for a sign change to count, in signal units.</summary>
    public float ThresholdAbs { get; } = thresholdAbs >= 0 && float.IsFinite(thresholdAbs)
        ? thresholdAbs
        : throw new ArgumentOutOfRangeException(nameof(thresholdAbs), thresholdAbs, "The ZC threshold must be finite and ≥ 0.");

    /// <inheritdoc/>
    public string Code => "ZC";

    /// <inheritdoc/>
    public string Name => "Zero crossings";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.ZeroCrossings(channelWindow, ThresholdAbs);
}
