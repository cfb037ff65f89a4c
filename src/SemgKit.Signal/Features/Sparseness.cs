namespace SemgKit.Signal.Features;

/// <summary>SPARSI (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.Sparseness"/>.</summary>
public sealed class Sparseness : IFeature
{
    /// <inheritdoc/>
    public string Code => "SPARSI";

    /// <inheritdoc/>
    public string Name => "Sparseness";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.Sparseness, scratch.Work(channelWindow.Length));
}
