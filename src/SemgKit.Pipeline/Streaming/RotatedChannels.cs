using SemgKit.Signal.Spatial;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// Puts a rotated ring armband's channels back where the model expects them before the frames reach the inner consumer:
/// channel c of each forwarded frame is channel (c + rotation) mod C of the frame as received
/// (<see cref="ChannelRotation"/>; the rotation comes from <see cref="Data.ArmbandRotation.Recalibrate"/>). Allocation-free
/// once its buffer has grown to the largest chunk.
/// </summary>
public sealed class RotatedChannels : IFrameConsumer
{
    private readonly IFrameConsumer _inner;
    private readonly int[] _order;
    private float[] _buffer = [];

    /// <param name="inner">The consumer that gets the realigned frames.</param>
    /// <param name="channels">C, channels per frame.</param>
    /// <param name="rotation">The armband's rotation, in electrodes (any integer; taken mod C).</param>
    public RotatedChannels(IFrameConsumer inner, int channels, int rotation)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        _inner = inner;
        _order = ChannelRotation.Order(channels, rotation);
    }

    public void OnFrames(ReadOnlySpan<float> frames, long arrivalMicroseconds)
    {
        if (_buffer.Length < frames.Length) _buffer = new float[frames.Length];
        var realigned = _buffer.AsSpan(0, frames.Length);
        int channels = _order.Length;
        for (int t = 0; t + channels <= frames.Length; t += channels)
            for (int c = 0; c < channels; c++)
                realigned[t + c] = frames[t + _order[c]];
        _inner.OnFrames(realigned, arrivalMicroseconds);
    }

    public void OnFault(StreamFault fault, long count, bool breaksContinuity) => _inner.OnFault(fault, count, breaksContinuity);

    public void OnStreamStart() => _inner.OnStreamStart();
}
