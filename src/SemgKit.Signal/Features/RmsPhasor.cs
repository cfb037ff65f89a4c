using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// RMSPHASOR (Onay &amp; Mert 2020), a multi-channel feature: C(C−1)/2 log distances named RMSPHASOR.1-2, … then as many
/// log ratios named RMSPHASOR.ratio.1-2, …. Kernel: <see cref="ChannelPairs.Phasor"/>.
/// </summary>
public sealed class RmsPhasor : IMultiChannelFeature
{
    /// <inheritdoc/>
    public string Code => "RMSPHASOR";

    /// <inheritdoc/>
    public string Name => "RMS phasor";

    /// <inheritdoc/>
    public int ValueCount(int channelCount) => 2 * ChannelPairs.PairCount(channelCount);

    /// <inheritdoc/>
    public string ValueName(int index, int channelCount) => PhasorNames.Name(Code, index, channelCount);

    /// <inheritdoc/>
    public void Extract(MultiChannelWindow window, Span<float> destination) => ChannelPairs.Phasor(window, waveformLength: false, destination);
}
