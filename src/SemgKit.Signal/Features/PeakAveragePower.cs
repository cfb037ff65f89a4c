namespace SemgKit.Signal.Features;

/// <summary>PAP (LibEMG), one value per channel. Kernel: <see cref="TimeDomain.PeakAveragePower"/>.</summary>
public sealed class PeakAveragePower : IFeature
{
    /// <inheritdoc/>
    public string Code => "PAP";

    /// <inheritdoc/>
    public string Name => "Peak average power";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.PeakAveragePower(channelWindow);
}
