namespace SemgKit.Signal.Features;

/// <summary>MDIFF (LibEMG), one value per channel. Kernel: <see cref="TimeDomain.MeanDifferenceDerivative"/>.</summary>
public sealed class MeanDifferenceDerivative : IFeature
{
    /// <inheritdoc/>
    public string Code => "MDIFF";

    /// <inheritdoc/>
    public string Name => "Mean difference derivative";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MeanDifferenceDerivative(channelWindow);
}
