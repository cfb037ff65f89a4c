namespace SemgKit.Signal.Features;

/// <summary>MFL (Phinyomark 2013), one value per channel. Kernel: <see cref="TimeDomain.MaximumFractalLength"/>.</summary>
public sealed class MaximumFractalLength : IFeature
{
    /// <inheritdoc/>
    public string Code => "MFL";

    /// <inheritdoc/>
    public string Name => "Maximum fractal length";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MaximumFractalLength(channelWindow);
}
