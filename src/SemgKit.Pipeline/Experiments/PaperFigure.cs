namespace SemgKit.Pipeline.Experiments;

/// <summary>A figure a source paper reports (or a target set for SemgKit), shown beside ours in the reports.</summary>
/// <param name="What">What it measures, e.g. "CNN-LSTM, leave one subject out".</param>
/// <param name="Accuracy">The accuracy as a fraction.</param>
/// <param name="Source">Where it comes from, e.g. "lower-limb paper" or "SemgKit target".</param>
/// <param name="Model">The model of ours it is compared with (null: the run's best).</param>
/// <param name="Metric">Which of our figures it is compared with.</param>
public sealed record PaperFigure(string What, double Accuracy, string Source, string? Model = null, PaperMetric Metric = PaperMetric.MeanAccuracy)
{
    /// <summary>Our figure for this comparison in <paramref name="results"/>: the named model's, else the best model's; NaN if absent.</summary>
    public (string Model, double Value, double Sd) Ours(Reports.EvaluationResults results)
    {
        var candidates = results.Models.Where(m => Model is null || m.Name.Equals(Model, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (candidates.Length == 0) return (Model ?? "–", double.NaN, double.NaN);
        var best = candidates.MaxBy(m => Value(m) is var v && double.IsFinite(v) ? v : -1)!;
        return (best.Name, Value(best), Metric == PaperMetric.MeanAccuracy ? best.AccuracySd : double.NaN);
    }

    private double Value(Reports.ModelResult m) => Metric switch
    {
        PaperMetric.VoteAccuracy => m.RecordingVoteAccuracy,
        PaperMetric.SmoothedAccuracy => m.SmoothedAccuracy,
        PaperMetric.PooledAccuracy => m.Accuracy,
        _ => m.AccuracyMean,
    };
}
