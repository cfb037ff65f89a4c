using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// A feature of the whole multi-channel window (e.g. inter-channel correlation, phasor distances between channel
/// pairs). In a <see cref="FeatureSet"/> row its values follow all per-channel values, in set order; column names
/// are <c>CODE.i-j</c> for channel pairs (channels numbered from 1).
/// </summary>
public interface IMultiChannelFeature
{
    /// <summary>The literature's code (e.g. "ICC").</summary>
    string Code { get; }

    /// <summary>The spelled-out name.</summary>
    string Name { get; }

    /// <summary>How many values <see cref="Extract"/> writes for <paramref name="channelCount"/> channels.</summary>
    int ValueCount(int channelCount);

    /// <summary>The column name of value <paramref name="index"/> (0-based), e.g. "ICC.1-2".</summary>
    string ValueName(int index, int channelCount);

    /// <summary>Writes <see cref="ValueCount"/>(window.ChannelCount) values to the start of <paramref name="destination"/>. Allocates nothing.</summary>
    void Extract(MultiChannelWindow window, Span<float> destination);
}
