namespace SemgKit.Signal.Features;

/// <summary>COR (LibEMG), one value per channel. Kernel: <see cref="TimeDomain.CoefficientOfRegularization"/>.</summary>
public sealed class CoefficientOfRegularization : IFeature
{
    /// <inheritdoc/>
    public string Code => "COR";

    /// <inheritdoc/>
    public string Name => "Coefficient of regularization";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.CoefficientOfRegularization(channelWindow);
}
