namespace SemgKit.Signal.Features;

/// <summary>MAVFD (LibEMG), one value per channel. Kernel: <see cref="TimeDomain.MeanAbsoluteFirstDifference"/>.</summary>
public sealed class MeanAbsoluteFirstDifference : IFeature
{
    /// <inheritdoc/>
    public string Code => "MAVFD";

    /// <inheritdoc/>
    public string Name => "Mean absolute value of the first difference";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MeanAbsoluteFirstDifference(channelWindow);
}
