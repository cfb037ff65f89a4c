namespace SemgKit.Pipeline.Streaming.Sinks;

/// <summary>Where live decisions go. <see cref="Write"/> is called under the session's lock, one line at a time, and must not allocate in steady state.</summary>
public interface IDecisionSink : IDisposable
{
    /// <summary>Writes one decision or safe-state event; returns when it has been handed to the OS (or dropped).</summary>
    void Write(in LiveDecision decision);

    void Flush();
}
