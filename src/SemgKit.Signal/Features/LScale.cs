namespace SemgKit.Signal.Features;

/// <summary>LS (L-scale, the second L-moment; Phinyomark 2018), one value per channel. Kernel: <see cref="TimeDomain.LScale"/>.</summary>
public sealed class LScale : IFeature
{
    /// <inheritdoc/>
    public string Code => "LS";

    /// <inheritdoc/>
    public string Name => "L-scale";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = TimeDomain.LScale(scratch.Sorted(channelWindow));
}
