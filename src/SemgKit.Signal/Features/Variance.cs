namespace SemgKit.Signal.Features;

/// <summary>VAR (Phinyomark 2012: Σx²/(N−1), no mean removal), one value per channel. Kernel: <see cref="TimeDomain.Variance"/>.</summary>
public sealed class Variance : IFeature
{
    /// <inheritdoc/>
    public string Code => "VAR";

    /// <inheritdoc/>
    public string Name => "Variance";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.Variance(channelWindow);
}
