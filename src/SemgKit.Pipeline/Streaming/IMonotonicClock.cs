namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// A monotonic clock in microseconds, passed in wherever live code needs time (latency, dwell, watchdog), so that
/// tests can drive time by hand. The origin is arbitrary; only differences mean anything.
/// </summary>
public interface IMonotonicClock
{
    /// <summary>Microseconds since an arbitrary fixed origin; never goes backwards.</summary>
    long NowMicroseconds { get; }
}
