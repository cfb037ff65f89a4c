namespace SemgKit.Pipeline.Streaming;

/// <summary>A snapshot of a live session's counters and latency (arrival of a window's last sample → decision written to the sink).</summary>
public sealed record LiveStatistics
{
    public double ElapsedSeconds { get; init; }

    public long Frames { get; init; }

    public long Decisions { get; init; }

    public double DecisionsPerSecond { get; init; }

    public double LatencyP50Microseconds { get; init; }

    public double LatencyP99Microseconds { get; init; }

    public double LatencyMaxMicroseconds { get; init; }

    /// <summary>Frames known to be lost (sequence gaps).</summary>
    public long DroppedFrames { get; init; }

    /// <summary>Fault counts by kind (kebab-case names), only kinds that occurred.</summary>
    public IReadOnlyDictionary<string, long> Faults { get; init; } = new Dictionary<string, long>();

    public long TotalFaults => Faults.Values.Sum();

    /// <summary>Times the output was forced into the safe state.</summary>
    public long SafeStates { get; init; }

    /// <summary>Streams started (connections, replayed recordings).</summary>
    public long Streams { get; init; }
}
