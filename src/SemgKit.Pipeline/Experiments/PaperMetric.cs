namespace SemgKit.Pipeline.Experiments;

/// <summary>Which of our figures a <see cref="PaperFigure"/> is compared with.</summary>
public enum PaperMetric
{
    /// <summary>Mean of the fold accuracies (papers report means over subjects or folds).</summary>
    MeanAccuracy,

    /// <summary>Accuracy over all test windows pooled.</summary>
    PooledAccuracy,

    /// <summary>Majority vote over each test recording's windows.</summary>
    VoteAccuracy,

    /// <summary>Per-window accuracy after the causal majority vote of the last 5 decisions (<c>--majority-vote 5</c>).</summary>
    SmoothedAccuracy,
}
