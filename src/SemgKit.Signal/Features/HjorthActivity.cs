namespace SemgKit.Signal.Features;

/// <summary>ACT (Hjorth 1970), one value per channel. Kernel: <see cref="Hjorth.Activity"/>.</summary>
public sealed class HjorthActivity : IFeature
{
    /// <inheritdoc/>
    public string Code => "ACT";

    /// <inheritdoc/>
    public string Name => "Hjorth activity";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Hjorth.Activity(channelWindow);
}
