namespace SemgKit.Signal.Features;

/// <summary>A feature computed from one channel's window: a small descriptor around a pure kernel.</summary>
public interface IFeature
{
    /// <summary>The literature's code, used in reports and CSV headers (e.g. "WL").</summary>
    string Code { get; }

    /// <summary>The spelled-out name (e.g. "Waveform length").</summary>
    string Name { get; }

    /// <summary>How many values <see cref="Extract(ReadOnlySpan{float}, Span{float})"/> writes per channel.</summary>
    int ValuesPerChannel { get; }

    /// <summary>
    /// The column suffix of value <paramref name="index"/> (0-based): the code for single-valued features,
    /// else the code followed by the 1-based index (<c>AR1</c>, <c>AR2</c>, …). Features with meaningful
    /// sub-names (bands, segments) override it.
    /// </summary>
    string ValueName(int index) => ValuesPerChannel == 1 ? Code : $"{Code}{index + 1}";

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the feature when it cannot read windows of
    /// <paramref name="lengthSamples"/> samples (e.g. PSD:N needs at least N); the default accepts any length. Lets an
    /// encoder reject a feature list once, when it is built, rather than on its first window.
    /// </summary>
    void CheckWindow(int lengthSamples) { }

    /// <summary>Writes <see cref="ValuesPerChannel"/> values for <paramref name="channelWindow"/> to the start of <paramref name="destination"/>.</summary>
    void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination);

    /// <summary>
    /// As <see cref="Extract(ReadOnlySpan{float}, Span{float})"/>, sharing per-channel intermediate results
    /// (power spectrum, sorted copy) through <paramref name="scratch"/>. <see cref="FeatureSet"/> calls this
    /// overload after <see cref="FeatureScratch.BeginChannel"/>; features that need no shared work keep the default.
    /// </summary>
    void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) => Extract(channelWindow, destination);
}
