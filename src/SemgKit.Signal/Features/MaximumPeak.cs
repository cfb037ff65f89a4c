namespace SemgKit.Signal.Features;

/// <summary>MPK (LibEMG: signed maximum), one value per channel. Kernel: <see cref="TimeDomain.MaximumPeak"/>.</summary>
public sealed class MaximumPeak : IFeature
{
    /// <inheritdoc/>
    public string Code => "MPK";

    /// <inheritdoc/>
    public string Name => "Maximum peak value";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MaximumPeak(channelWindow);
}
