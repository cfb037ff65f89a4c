using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// WLPHASOR (Onay &amp; Mert 2020), a multi-channel feature: C(C−1)/2 log distances named WLPHASOR.1-2, … then as many
/// log ratios named WLPHASOR.ratio.1-2, …. Kernel: <see cref="ChannelPairs.Phasor"/>.
/// </summary>
public sealed class WaveformLengthPhasor : IMultiChannelFeature
{
    /// <inheritdoc/>
    public string Code => "WLPHASOR";

    /// <inheritdoc/>
    public string Name => "Waveform length phasor";

    /// <inheritdoc/>
    public int ValueCount(int channelCount) => 2 * ChannelPairs.PairCount(channelCount);

    /// <inheritdoc/>
    public string ValueName(int index, int channelCount) => PhasorNames.Name(Code, index, channelCount);

    /// <inheritdoc/>
    public void Extract(MultiChannelWindow window, Span<float> destination) => ChannelPairs.Phasor(window, waveformLength: true, destination);
}
