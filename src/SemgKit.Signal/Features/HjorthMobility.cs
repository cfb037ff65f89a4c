namespace SemgKit.Signal.Features;

/// <summary>MOB (Hjorth 1970), one value per channel. Kernel: <see cref="Hjorth.Mobility"/>.</summary>
public sealed class HjorthMobility : IFeature
{
    /// <inheritdoc/>
    public string Code => "MOB";

    /// <inheritdoc/>
    public string Name => "Hjorth mobility";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Hjorth.Mobility(channelWindow);
}
