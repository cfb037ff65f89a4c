namespace SemgKit.Signal.Features;

/// <summary>RMS (Phinyomark 2012), one value per channel. Kernel: <see cref="TimeDomain.RootMeanSquare"/>.</summary>
public sealed class RootMeanSquare : IFeature
{
    /// <inheritdoc/>
    public string Code => "RMS";

    /// <inheritdoc/>
    public string Name => "Root mean square";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.RootMeanSquare(channelWindow);
}
