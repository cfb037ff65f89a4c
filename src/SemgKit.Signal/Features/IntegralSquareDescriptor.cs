namespace SemgKit.Signal.Features;

/// <summary>ISD (LibEMG; Khushaba's invariant TD set), one value per channel. Kernel: <see cref="TimeDomain.IntegralSquare"/>.</summary>
public sealed class IntegralSquareDescriptor : IFeature
{
    /// <inheritdoc/>
    public string Code => "ISD";

    /// <inheritdoc/>
    public string Name => "Integral square descriptor";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.IntegralSquare(channelWindow);
}
