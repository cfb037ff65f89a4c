namespace SemgKit.Signal.Features;

/// <summary>WLF (Khushaba's TD-PSD), one value per channel. Kernel: <see cref="Tdpsd.Compute"/> with <see cref="TdpsdDescriptor.WaveformLengthFactor"/>.</summary>
public sealed class WaveformLengthFactor : IFeature
{
    /// <inheritdoc/>
    public string Code => "WLF";

    /// <inheritdoc/>
    public string Name => "Waveform length factor";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Tdpsd.Compute(channelWindow, TdpsdDescriptor.WaveformLengthFactor, scratch.Work(channelWindow.Length));
}
