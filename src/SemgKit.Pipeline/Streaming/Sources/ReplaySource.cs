using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// Replays recordings as a live stream, one recording after another (each a new stream), either at the sample rate
/// (timer-driven chunks on the monotonic clock, no busy-waiting) or as fast as possible. Frames are timestamped when
/// released.
/// </summary>
public sealed class ReplaySource : IFrameSource
{
    private readonly IReadOnlyList<Recording> _recordings;
    private readonly ReplayPace _pace;
    private readonly double _chunkMs;

    /// <param name="chunkMs">Frames released together (a device packet), ms; at least one frame.</param>
    public ReplaySource(IReadOnlyList<Recording> recordings, ReplayPace pace, double chunkMs = 10, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        if (!(chunkMs > 0)) throw new ArgumentOutOfRangeException(nameof(chunkMs), chunkMs, "chunk must be positive");
        _recordings = recordings;
        _pace = pace;
        _chunkMs = chunkMs;
        Description = description ?? $"replay of {recordings.Count} recording(s)";
    }

    public string Description { get; }

    /// <summary>Frames released so far.</summary>
    public long FramesReleased { get; private set; }

    public async Task RunAsync(IFrameConsumer consumer, IMonotonicClock clock, CancellationToken cancellationToken)
    {
        foreach (var recording in _recordings)
        {
            consumer.OnStreamStart();
            var frames = recording.ToFrameMajor();
            int channels = recording.ChannelCount;
            int chunk = Math.Max(1, (int)Math.Round(_chunkMs * recording.SampleRateHz / 1000));
            await Pacer.RunAsync(recording.SampleCount, recording.SampleRateHz, chunk, _pace, clock, (at, n) =>
            {
                consumer.OnFrames(frames.AsSpan(at * channels, n * channels), clock.NowMicroseconds);
                FramesReleased += n;
                return ValueTask.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() { }
}
