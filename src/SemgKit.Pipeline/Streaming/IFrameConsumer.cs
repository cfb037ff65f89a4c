namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// Where a source delivers what it reads: validated frames with the time they arrived, faults, and the start of a new
/// stream. Sources call it from one task at a time; implementations allocate nothing per call in steady state.
/// </summary>
public interface IFrameConsumer
{
    /// <param name="frames">Frame-major samples (<c>[t * channels + c]</c>), a whole number of frames of the expected channel count, all finite. Valid only during the call.</param>
    /// <param name="arrivalMicroseconds">When the bytes holding these frames were received (or released by a replay), on the consumer's clock.</param>
    void OnFrames(ReadOnlySpan<float> frames, long arrivalMicroseconds);

    /// <summary>Something went wrong; <paramref name="count"/> occurrences (for <see cref="StreamFault.SequenceGap"/>: frames lost).</summary>
    /// <param name="breaksContinuity">True when samples were lost, so the classifier must restart its stream.</param>
    void OnFault(StreamFault fault, long count, bool breaksContinuity);

    /// <summary>A new, independent stream begins (new connection, next recording of a replay): state is reset, output is safe.</summary>
    void OnStreamStart();
}
