namespace SemgKit.Signal.Features;

/// <summary>SKEW (biased estimator, scipy.stats.skew), one value per channel. Kernel: <see cref="TimeDomain.Skewness"/>.</summary>
public sealed class Skewness : IFeature
{
    /// <inheritdoc/>
    public string Code => "SKEW";

    /// <inheritdoc/>
    public string Name => "Skewness";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.Skewness(channelWindow);
}
