namespace SemgKit.Pipeline.PostProcessing;

/// <summary>How raw window decisions become output decisions, identically offline and live.</summary>
public sealed record PostProcessingOptions
{
    public static PostProcessingOptions None { get; } = new();

    /// <summary>Majority vote over the last n raw decisions (1 = off). Ties go to the most recent decision among the tied classes.</summary>
    public int MajorityVoteWindows { get; init; } = 1;

    /// <summary>Reject a decision whose winning probability is below this (0 = never reject). Rejected decisions do not vote.</summary>
    public double RejectionThreshold { get; init; }

    /// <summary>Validates the options; throws <see cref="SemgException"/> naming the bad value.</summary>
    public PostProcessingOptions Validated()
    {
        if (MajorityVoteWindows < 1)
            throw new SemgException($"majority vote over {MajorityVoteWindows} windows: must be at least 1");
        if (!(RejectionThreshold >= 0 && RejectionThreshold < 1))
            throw new SemgException($"rejection threshold {RejectionThreshold}: must be in [0, 1)");
        return this;
    }
}
