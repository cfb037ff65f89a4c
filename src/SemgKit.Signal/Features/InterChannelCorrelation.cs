using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// ICC (BioPatRec inter-channel correlation), a multi-channel feature: Pearson's r of each channel pair, named
/// ICC.1-2, ICC.1-3, …. Kernel: <see cref="ChannelPairs.Correlation"/>.
/// </summary>
public sealed class InterChannelCorrelation : IMultiChannelFeature
{
    /// <inheritdoc/>
    public string Code => "ICC";

    /// <inheritdoc/>
    public string Name => "Inter-channel correlation";

    /// <inheritdoc/>
    public int ValueCount(int channelCount) => ChannelPairs.PairCount(channelCount);

    /// <inheritdoc/>
    public string ValueName(int index, int channelCount) => $"{Code}.{ChannelPairs.PairName(index, channelCount)}";

    /// <inheritdoc/>
    public void Extract(MultiChannelWindow window, Span<float> destination) => ChannelPairs.Correlation(window, destination);
}
