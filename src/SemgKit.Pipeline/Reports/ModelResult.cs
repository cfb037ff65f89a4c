namespace SemgKit.Pipeline.Reports;

/// <summary>One model's results, pooled over folds, with per-fold figures.</summary>
public sealed record ModelResult
{
    public required string Name { get; init; }

    public required double Accuracy { get; init; }

    public required double BalancedAccuracy { get; init; }

    public required double MacroPrecision { get; init; }

    public required double MacroRecall { get; init; }

    public required double MacroF1 { get; init; }

    public required double CohenKappa { get; init; }

    public required IReadOnlyList<ClassResult> PerClass { get; init; }

    /// <summary>Macro one-vs-rest ROC AUC over classes with both positives and negatives.</summary>
    public double MacroAuc { get; init; } = double.NaN;

    /// <summary>One-vs-rest ROC curves (at most a few hundred points each), pooled over folds.</summary>
    public IReadOnlyList<RocResult> Roc { get; init; } = [];

    /// <summary>Myoelectric-control metrics over the time-ordered test decisions (LibEMG definitions).</summary>
    public double ActiveError { get; init; } = double.NaN;

    /// <inheritdoc cref="ActiveError"/>
    public double Instability { get; init; } = double.NaN;

    /// <inheritdoc cref="ActiveError"/>
    public double RejectionRate { get; init; } = double.NaN;

    /// <summary>
    /// Majority vote over all windows of each test recording (one gesture or movement per recording): the share of
    /// recordings whose most frequent prediction is their most frequent label. NaN when not computed.
    /// </summary>
    public double RecordingVoteAccuracy { get; init; } = double.NaN;

    /// <summary>
    /// Per-window accuracy after a causal majority vote of the last 5 decisions within each test recording (the
    /// streaming post-processing <c>--majority-vote 5</c>; about 100 ms more delay at a 50 ms step). NaN when not computed.
    /// </summary>
    public double SmoothedAccuracy { get; init; } = double.NaN;

    /// <summary>Per-window accuracy within each population group of the test recordings (e.g. "healthy", "patient"); empty without groups.</summary>
    public IReadOnlyDictionary<string, double> GroupAccuracy { get; init; } = new Dictionary<string, double>();

    /// <summary>Training curves per epoch for iteratively trained models (empty for closed-form learners).</summary>
    public IReadOnlyList<EpochResult> History { get; init; } = [];

    /// <summary>Counts; rows = true class, columns = predicted class, in <see cref="ClassNames"/> order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Accuracy of each fold (e.g. each subject), for mean ± sd.</summary>
    public required IReadOnlyList<FoldResult> Folds { get; init; }

    public double AccuracyMean => Folds.Count == 0 ? Accuracy : Folds.Average(f => f.Accuracy);

    public double AccuracySd => StandardDeviation(Folds.Select(f => f.Accuracy).ToArray());

    /// <summary>Total training time over all folds, seconds.</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Mean time to classify one window (features → class), microseconds.</summary>
    public required double MeanPredictionMicroseconds { get; init; }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
