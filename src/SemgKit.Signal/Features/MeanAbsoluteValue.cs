namespace SemgKit.Signal.Features;

/// <summary>MAV (Hudgins 1993), one value per channel. Kernel: <see cref="TimeDomain.MeanAbsoluteValue"/>.</summary>
public sealed class MeanAbsoluteValue : IFeature
{
    /// <inheritdoc/>
    public string Code => "MAV";

    /// <inheritdoc/>
    public string Name => "Mean absolute value";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MeanAbsoluteValue(channelWindow);
}
