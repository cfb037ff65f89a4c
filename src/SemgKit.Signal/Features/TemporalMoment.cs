namespace SemgKit.Signal.Features;

/// <summary>TM (absolute temporal moment of order k, default 3), one value per channel. Kernel: <see cref="TimeDomain.TemporalMoment"/>.</summary>
public sealed class TemporalMoment(int order = 3) : IFeature
{
    /// <summary>k, the exponent.</summary>
    public int Order { get; } = FeatureArguments.InRange(order, 1, 16, "TM order");

    /// <inheritdoc/>
    public string Code => "TM";

    /// <inheritdoc/>
    public string Name => "Temporal moment";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.TemporalMoment(channelWindow, Order);
}
