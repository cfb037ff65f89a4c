namespace SemgKit.Signal.Features;

/// <summary>MLK (LibEMG), one value per channel. Kernel: <see cref="TimeDomain.MeanLogarithmKernel"/>.</summary>
public sealed class MeanLogarithmKernel : IFeature
{
    /// <inheritdoc/>
    public string Code => "MLK";

    /// <inheritdoc/>
    public string Name => "Mean logarithm kernel";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MeanLogarithmKernel(channelWindow);
}
