namespace SemgKit.Signal.Features;

/// <summary>MZP (LibEMG: √(Σ(Δx)²/N)), one value per channel. Kernel: <see cref="TimeDomain.MultiplicationOfPeaks"/>.</summary>
public sealed class MultiplicationOfPeaks : IFeature
{
    /// <inheritdoc/>
    public string Code => "MZP";

    /// <inheritdoc/>
    public string Name => "Multiplication of peaks";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MultiplicationOfPeaks(channelWindow);
}
