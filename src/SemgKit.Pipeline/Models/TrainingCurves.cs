using SemgKit.Learning;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Pipeline.Models;

/// <summary>Finds the training curves inside a fitted classifier (networks; empty for closed-form learners).</summary>
public static class TrainingCurves
{
    /// <summary>
    /// The per-epoch history of <paramref name="classifier"/>: a network's own, through standardisation; for an
    /// ensemble, the per-epoch mean over its members (over the members that reached that epoch).
    /// </summary>
    public static IReadOnlyList<EpochResult> Of(IClassifier classifier) => classifier switch
    {
        NetworkClassifier n => n.History,
        StandardizedClassifier s => Of(s.Inner),
        EnsembleClassifier e => Mean(e.Members.Select(Of).ToArray()),
        _ => [],
    };

    /// <summary>Epoch-wise mean of several histories (e.g. the folds of a cross-validation); NaN values are skipped.</summary>
    public static IReadOnlyList<EpochResult> Mean(IReadOnlyList<IReadOnlyList<EpochResult>> histories)
    {
        var nonEmpty = histories.Where(h => h.Count > 0).ToArray();
        if (nonEmpty.Length == 0) return [];
        if (nonEmpty.Length == 1) return nonEmpty[0];
        int epochs = nonEmpty.Max(h => h.Count);
        var mean = new EpochResult[epochs];
        for (int e = 0; e < epochs; e++)
        {
            var at = nonEmpty.Where(h => h.Count > e).Select(h => h[e]).ToArray();
            mean[e] = new EpochResult(e + 1, Avg(at, r => r.TrainLoss), Avg(at, r => r.TrainAccuracy), Avg(at, r => r.ValidationLoss), Avg(at, r => r.ValidationAccuracy), Avg(at, r => r.LearningRate));
        }
        return mean;
    }

    private static double Avg(EpochResult[] rows, Func<EpochResult, double> value)
    {
        var v = rows.Select(value).Where(double.IsFinite).ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }
}
