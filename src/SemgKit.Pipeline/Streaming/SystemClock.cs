using System.Diagnostics;

namespace SemgKit.Pipeline.Streaming;

/// <summary>The machine's monotonic high-resolution clock (<see cref="Stopwatch.GetTimestamp"/>), in microseconds.</summary>
public sealed class SystemClock : IMonotonicClock
{
    private static readonly double MicrosecondsPerTick = 1e6 / Stopwatch.Frequency;

    private SystemClock() { }

    public static SystemClock Instance { get; } = new();

    public long NowMicroseconds => (long)(Stopwatch.GetTimestamp() * MicrosecondsPerTick);
}
