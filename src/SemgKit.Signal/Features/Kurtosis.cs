namespace SemgKit.Signal.Features;

/// <summary>KURT (Pearson, biased; scipy.stats.kurtosis(fisher=False)), one value per channel. Kernel: <see cref="TimeDomain.Kurtosis"/>.</summary>
public sealed class Kurtosis : IFeature
{
    /// <inheritdoc/>
    public string Code => "KURT";

    /// <inheritdoc/>
    public string Name => "Kurtosis";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.Kurtosis(channelWindow);
}
