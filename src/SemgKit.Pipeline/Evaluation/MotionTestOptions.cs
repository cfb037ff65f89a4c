namespace SemgKit.Pipeline.Evaluation;

/// <summary>Settings of the BioPatRec-style real-time motion test.</summary>
public sealed record MotionTestOptions
{
    /// <summary>Correct decisions that complete a motion (BioPatRec: 20).</summary>
    public int CorrectDecisions { get; init; } = 20;

    /// <summary>A motion not completed this long after its onset fails (BioPatRec: 5 s).</summary>
    public double TimeoutSeconds { get; init; } = 5;

    /// <summary>The class that is not a motion (no onset is looked for in it).</summary>
    public string RestClass { get; init; } = "rest";

    public MotionTestOptions Validated()
    {
        if (CorrectDecisions < 1) throw new SemgException($"correct decisions {CorrectDecisions}: need at least 1");
        if (!(TimeoutSeconds > 0)) throw new SemgException($"timeout {TimeoutSeconds} s: must be positive");
        return this;
    }
}
