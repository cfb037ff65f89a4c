namespace SemgKit.Signal.Features;

/// <summary>A feature computed from one channel's window: a small descriptor around a pure kernel.</summary>
public interface IFeature
{
    /// <summary>The literature's code, used in reports and CSV headers (e.g. "WL").</summary>
    string Code { get; }

    /// <summary>The spelled-out name (e.g. "Waveform length").</summary>
    string Name { get; }

    /// <summary>How many values <see cref="Extract"/> writes per channel.</summary>
    int ValuesPerChannel { get; }

    /// <summary>Writes <see cref="ValuesPerChannel"/> values for <paramref name="channelWindow"/> to the start of <paramref name="destination"/>.</summary>
    void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination);
}
