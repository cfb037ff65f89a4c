namespace SemgKit.Pipeline.Streaming;

/// <summary>One line of live output: a decision and the command it produced, or a safe-state event.</summary>
/// <param name="TimeSeconds">Seconds since the session started, on its monotonic clock.</param>
/// <param name="EndSample">One past the window's last sample, counted from the start of the current stream.</param>
/// <param name="Class">Decided class after post-processing; -1 when rejected or for a safe-state event.</param>
/// <param name="ClassName">Name of <paramref name="Class"/>; null when -1.</param>
/// <param name="Probability">Winning probability of the raw decision (0 for a safe-state event).</param>
/// <param name="Rejected">True when the classifier rejected the window or this is a safe-state event.</param>
/// <param name="Command">The device command now in force.</param>
/// <param name="CommandClass">The class whose command is in force; -1 in the safe state (this is what the LibEMG-style UDP sink sends).</param>
/// <param name="Velocity">Proportional velocity in [0, 1].</param>
/// <param name="LatencyMicroseconds">From the arrival of the window's last sample to this line being handed to the sink (the write itself cannot be timed inside the line it writes; the session's statistics include it).</param>
/// <param name="SafeReason">Why the safe state was forced (e.g. "stall", "sequence-gap", "shutdown"); null for decisions.</param>
public readonly record struct LiveDecision(
    double TimeSeconds,
    long EndSample,
    int Class,
    string? ClassName,
    float Probability,
    bool Rejected,
    string Command,
    int CommandClass,
    float Velocity,
    long LatencyMicroseconds,
    string? SafeReason)
{
    public bool IsSafeEvent => SafeReason is not null;
}
