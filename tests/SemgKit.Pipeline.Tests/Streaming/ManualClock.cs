using SemgKit.Pipeline.Streaming;

namespace SemgKit.Pipeline.Tests.Streaming;

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock : IMonotonicClock
{
    public long NowMicroseconds { get; set; }

    public void AdvanceMs(double ms) => NowMicroseconds += (long)Math.Round(ms * 1000);
}
