namespace SemgKit.Signal.Features;

/// <summary>COMP (Hjorth 1970's textbook ratio; LibEMG's COMP is not), one value per channel. Kernel: <see cref="Hjorth.Complexity"/>.</summary>
public sealed class HjorthComplexity : IFeature
{
    /// <inheritdoc/>
    public string Code => "COMP";

    /// <inheritdoc/>
    public string Name => "Hjorth complexity";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Hjorth.Complexity(channelWindow);
}
