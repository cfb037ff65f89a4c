namespace SemgKit.Signal.Features;

/// <summary>M0 (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.M0"/>.</summary>
public sealed class RootSquaredZeroOrderMoment : IFeature
{
    /// <inheritdoc/>
    public string Code => "M0";

    /// <inheritdoc/>
    public string Name => "Root squared zero-order moment";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.M0, scratch.Work(channelWindow.Length));
}
