namespace SemgKit.Signal.Features;

/// <summary>WL (Hudgins 1993), one value per channel. Kernel: <see cref="TimeDomain.WaveformLength"/>.</summary>
public sealed class WaveformLength : IFeature
{
    /// <inheritdoc/>
    public string Code => "WL";

    /// <inheritdoc/>
    public string Name => "Waveform length";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.WaveformLength(channelWindow);
}
