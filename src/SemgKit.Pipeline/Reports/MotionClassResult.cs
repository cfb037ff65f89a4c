namespace SemgKit.Pipeline.Reports;

/// <summary>Real-time test figures of one class (or of all classes, "all").</summary>
/// <param name="SelectionSeconds">Mean selection time over trials with a correct decision (NaN when none).</param>
/// <param name="CompletionSeconds">Mean completion time over completed trials (NaN when none).</param>
/// <param name="CompletionRate">Completed trials / trials.</param>
/// <param name="RealTimeAccuracy">Correct / all decisions made while the motions were being performed (until completion or timeout).</param>
public sealed record MotionClassResult(string Class, int Trials, int Completed, double CompletionRate, double SelectionSeconds, double CompletionSeconds, double RealTimeAccuracy);
