namespace SemgKit.Signal.Windows;

/// <summary>
/// A zero-copy view of one window over a channel-major buffer: channel c of the window is
/// <c>buffer[c·Stride + Start .. c·Stride + Start + LengthSamples)</c>. Stride is usually the recording's
/// samples per channel (T). A <c>ref struct</c>: it lives on the stack and never copies samples.
/// </summary>
public readonly ref struct MultiChannelWindow
{
    private readonly ReadOnlySpan<float> _buffer;

    /// <summary>A view of <paramref name="channelCount"/> channels, each <paramref name="lengthSamples"/> long from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, start is negative, the window overruns a channel (start + length &gt; stride) or the buffer.</exception>
    public MultiChannelWindow(ReadOnlySpan<float> buffer, int channelCount, int stride, int start, int lengthSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (start + lengthSamples > stride)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The window [{start}, {start + lengthSamples}) overruns a channel of stride {stride} samples.");
        if ((long)(channelCount - 1) * stride + start + lengthSamples > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(buffer), buffer.Length, $"A buffer of {buffer.Length} values cannot hold {channelCount} channels of stride {stride}.");
        _buffer = buffer;
        ChannelCount = channelCount;
        Stride = stride;
        Start = start;
        LengthSamples = lengthSamples;
    }

    /// <summary>A view of a whole channel-major block of <paramref name="channelCount"/> channels (stride = length = buffer.Length / C).</summary>
    public static MultiChannelWindow OverBlock(ReadOnlySpan<float> buffer, int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (buffer.Length % channelCount != 0 || buffer.Length == 0)
            throw new ArgumentException($"A block of {buffer.Length} values is not {channelCount} equal non-empty channels.", nameof(buffer));
        var t = buffer.Length / channelCount;
        return new MultiChannelWindow(buffer, channelCount, t, 0, t);
    }

    /// <summary>C, the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>The distance between the starts of consecutive channels in the buffer.</summary>
    public int Stride { get; }

    /// <summary>The first sample of the window within each channel.</summary>
    public int Start { get; }

    /// <summary>The window length in samples.</summary>
    public int LengthSamples { get; }

    /// <summary>The sub-window of <paramref name="lengthSamples"/> samples from <paramref name="offset"/> within this window (e.g. one frame), still zero-copy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sub-window does not lie inside this window.</exception>
    public MultiChannelWindow Slice(int offset, int lengthSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (lengthSamples < 1 || offset + lengthSamples > LengthSamples)
            throw new ArgumentOutOfRangeException(nameof(lengthSamples), lengthSamples, $"[{offset}, {offset + lengthSamples}) is not inside a window of {LengthSamples} samples.");
        return new MultiChannelWindow(_buffer, ChannelCount, Stride, Start + offset, lengthSamples);
    }

    /// <summary>The samples of channel <paramref name="channel"/> in this window.</summary>
    public ReadOnlySpan<float> Channel(int channel)
    {
        if ((uint)channel >= (uint)ChannelCount)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel {channel} is outside 0..{ChannelCount - 1}.");
        return _buffer.Slice(channel * Stride + Start, LengthSamples);
    }
}
