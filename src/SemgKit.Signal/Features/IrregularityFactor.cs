namespace SemgKit.Signal.Features;

/// <summary>IRF (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.IrregularityFactor"/>.</summary>
public sealed class IrregularityFactor : IFeature
{
    /// <inheritdoc/>
    public string Code => "IRF";

    /// <inheritdoc/>
    public string Name => "Irregularity factor";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.IrregularityFactor, scratch.Work(channelWindow.Length));
}
