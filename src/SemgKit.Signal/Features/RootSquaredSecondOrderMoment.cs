namespace SemgKit.Signal.Features;

/// <summary>M2 (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.M2"/>.</summary>
public sealed class RootSquaredSecondOrderMoment : IFeature
{
    /// <inheritdoc/>
    public string Code => "M2";

    /// <inheritdoc/>
    public string Name => "Root squared second-order moment";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.M2, scratch.Work(channelWindow.Length));
}
