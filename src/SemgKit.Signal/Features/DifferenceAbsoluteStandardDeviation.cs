namespace SemgKit.Signal.Features;

/// <summary>DASDV (Phinyomark 2012), one value per channel. Kernel: <see cref="TimeDomain.DifferenceAbsoluteStandardDeviation"/>.</summary>
public sealed class DifferenceAbsoluteStandardDeviation : IFeature
{
    /// <inheritdoc/>
    public string Code => "DASDV";

    /// <inheritdoc/>
    public string Name => "Difference absolute standard deviation value";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.DifferenceAbsoluteStandardDeviation(channelWindow);
}
