namespace SemgKit.Signal.Features;

/// <summary>Column names of the phasor features: distances first, then ratios.</summary>
internal static class PhasorNames
{
    public static string Name(string code, int index, int channelCount)
    {
        var pairs = ChannelPairs.PairCount(channelCount);
        return index < pairs
            ? $"{code}.{ChannelPairs.PairName(index, channelCount)}"
            : $"{code}.ratio.{ChannelPairs.PairName(index - pairs, channelCount)}";
    }
}
