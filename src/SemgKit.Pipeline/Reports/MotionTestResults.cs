namespace SemgKit.Pipeline.Reports;

/// <summary>What <c>semg motion-test</c> writes to results.json.</summary>
public sealed record MotionTestResults
{
    public string Tool { get; init; } = "semgkit";

    public string Command { get; init; } = "motion-test";

    public required string Model { get; init; }

    public required string Dataset { get; init; }

    /// <summary>Correct decisions that complete a motion.</summary>
    public required int CorrectDecisions { get; init; }

    public required double TimeoutSeconds { get; init; }

    /// <summary>Decision period, ms.</summary>
    public required double StepMs { get; init; }

    public required IReadOnlyList<MotionClassResult> Classes { get; init; }

    public required MotionClassResult Overall { get; init; }

    public required IReadOnlyList<MotionTrialResult> Trials { get; init; }

    /// <summary>Mean compute time per decision, µs (the test itself runs on stream time, not wall time).</summary>
    public double MeanDecisionMicroseconds { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
