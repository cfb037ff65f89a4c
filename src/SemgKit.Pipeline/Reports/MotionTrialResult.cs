namespace SemgKit.Pipeline.Reports;

/// <summary>One motion of the real-time test. Times are seconds from the motion's onset to the arrival of the last sample of the deciding window.</summary>
/// <param name="SelectionSeconds">First correct decision; null if none within the timeout.</param>
/// <param name="CompletionSeconds">The n-th correct decision; null if not completed within the timeout.</param>
/// <param name="Decisions">Decisions from onset to completion (or timeout / end of recording).</param>
/// <param name="Correct">Correct ones among them.</param>
public sealed record MotionTrialResult(string Recording, string Class, double? SelectionSeconds, double? CompletionSeconds, int Decisions, int Correct);
