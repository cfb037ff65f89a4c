namespace SemgKit.Signal.Features;

/// <summary>M4 (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.M4"/>.</summary>
public sealed class RootSquaredFourthOrderMoment : IFeature
{
    /// <inheritdoc/>
    public string Code => "M4";

    /// <inheritdoc/>
    public string Name => "Root squared fourth-order moment";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.M4, scratch.Work(channelWindow.Length));
}
