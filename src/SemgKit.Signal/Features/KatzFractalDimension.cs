namespace SemgKit.Signal.Features;

/// <summary>KFD (Katz 1988; BioPatRec), one value per channel. Kernel: <see cref="Fractal.KatzDimension"/>.</summary>
public sealed class KatzFractalDimension : IFeature
{
    /// <inheritdoc/>
    public string Code => "KFD";

    /// <inheritdoc/>
    public string Name => "Katz fractal dimension";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Fractal.KatzDimension(channelWindow);
}
