namespace SemgKit.Learning.Metrics;

/// <summary>
/// A receiver operating characteristic curve of one binary problem, matching scikit-learn 1.2's
/// <c>roc_curve(y_true, y_score, drop_intermediate=True)</c> and <c>auc(fpr, tpr)</c>:
/// thresholds are the distinct scores in decreasing order, collinear points are dropped, and the
/// curve starts at (0, 0) with threshold max(score) + 1 (sklearn ≥ 1.3 uses +∞ there instead).
/// With no positives the TPRs and the AUC are NaN; with no negatives the FPRs and the AUC are NaN.
/// </summary>
public sealed class RocCurve
{
    private readonly double[] _fpr;
    private readonly double[] _tpr;
    private readonly double[] _thresholds;

    private RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc, int positives, int negatives)
    {
        _fpr = fpr;
        _tpr = tpr;
        _thresholds = thresholds;
        Auc = auc;
        PositiveCount = positives;
        NegativeCount = negatives;
    }

    /// <summary>False positive rates, increasing.</summary>
    public ReadOnlySpan<double> FalsePositiveRates => _fpr;

    /// <summary>True positive rates, increasing.</summary>
    public ReadOnlySpan<double> TruePositiveRates => _tpr;

    /// <summary>Score thresholds, decreasing: point i counts score ≥ threshold i as positive.</summary>
    public ReadOnlySpan<double> Thresholds => _thresholds;

    /// <summary>Area under the curve by the trapezoidal rule; NaN without positives or negatives.</summary>
    public double Auc { get; }

    /// <summary>Number of positive samples.</summary>
    public int PositiveCount { get; }

    /// <summary>Number of negative samples.</summary>
    public int NegativeCount { get; }

    /// <summary>The ROC curve of <paramref name="scores"/> (higher = more positive) against <paramref name="isPositive"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, N = 0, or a score is NaN.</exception>
    public static RocCurve Binary(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isPositive)
    {
        if (scores.Length != isPositive.Length)
            throw new ArgumentException($"scores has {scores.Length} values but isPositive has {isPositive.Length}.", nameof(isPositive));
        if (scores.IsEmpty)
            throw new ArgumentException("Cannot build a ROC curve from zero samples.", nameof(scores));
        var keys = new double[scores.Length];
        var positive = new bool[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i]))
                throw new ArgumentException($"scores[{i}] is NaN.", nameof(scores));
            keys[i] = scores[i];
            positive[i] = isPositive[i];
        }
        return Build(keys, positive);
    }

    /// <summary>
    /// One-vs-rest ROC curves of K-class <paramref name="scores"/> (N × K, row-major; e.g. probabilities)
    /// against <paramref name="truth"/> (N labels in [0, K)), with the macro AUC as sklearn's
    /// <c>roc_auc_score(truth, scores, multi_class='ovr', average='macro')</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree, a label is out of range (named by index), or a score is NaN.</exception>
    public static OneVsRestRoc OneVsRest(ReadOnlySpan<float> scores, ReadOnlySpan<int> truth, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var n = truth.Length;
        if (n == 0)
            throw new ArgumentException("Cannot build ROC curves from zero samples.", nameof(truth));
        if ((long)n * classCount != scores.Length)
            throw new ArgumentException($"scores has {scores.Length} values; expected N × K = {n} × {classCount}.", nameof(scores));
        for (var i = 0; i < n; i++)
        {
            if ((uint)truth[i] >= (uint)classCount)
                throw new ArgumentException($"truth[{i}] = {truth[i]} is outside [0, {classCount}).", nameof(truth));
        }
        var curves = new RocCurve[classCount];
        var keys = new double[n];
        var positive = new bool[n];
        for (var c = 0; c < classCount; c++)
        {
            for (var i = 0; i < n; i++)
            {
                var s = scores[i * classCount + c];
                if (float.IsNaN(s))
                    throw new ArgumentException($"scores[{i}, {c}] is NaN.", nameof(scores));
                keys[i] = s;
                positive[i] = truth[i] == c;
            }
            curves[c] = Build((double[])keys.Clone(), positive);
        }
        return new OneVsRestRoc(curves);
    }

    /// <summary>sklearn's <c>_binary_clf_curve</c> + <c>roc_curve(drop_intermediate=True)</c> + <c>auc</c>. Sorts <paramref name="keys"/>.</summary>
    private static RocCurve Build(double[] keys, bool[] positive)
    {
        var n = keys.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order); // ascending; walked backwards (ties are grouped, their order is irrelevant)

        // One point per distinct score, from the highest: cumulative TP and FP counts.
        var tps = new List<double>();
        var fps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0;
        for (var r = 0; r < n; r++)
        {
            var i = n - 1 - r;
            if (positive[order[i]]) tp++;
            if (i == 0 || keys[i - 1] != keys[i])
            {
                tps.Add(tp);
                fps.Add(r + 1 - tp);
                thresholds.Add(keys[i]);
            }
        }

        // drop_intermediate: keep the ends and every point where the second difference is non-zero.
        var keep = new List<int>(tps.Count);
        for (var j = 0; j < tps.Count; j++)
        {
            if (tps.Count <= 2 || j == 0 || j == tps.Count - 1
                || fps[j + 1] - 2 * fps[j] + fps[j - 1] != 0
                || tps[j + 1] - 2 * tps[j] + tps[j - 1] != 0)
                keep.Add(j);
        }

        var m = keep.Count + 1;
        var fpr = new double[m];
        var tpr = new double[m];
        var thr = new double[m];
        thr[0] = thresholds[keep[0]] + 1;
        var totalP = tps[^1];
        var totalN = fps[^1];
        for (var j = 0; j < keep.Count; j++)
        {
            fpr[j + 1] = fps[keep[j]];
            tpr[j + 1] = tps[keep[j]];
            thr[j + 1] = thresholds[keep[j]];
        }
        for (var j = 0; j < m; j++)
        {
            fpr[j] = totalN > 0 ? fpr[j] / totalN : double.NaN;
            tpr[j] = totalP > 0 ? tpr[j] / totalP : double.NaN;
        }

        var area = double.NaN;
        if (totalP > 0 && totalN > 0)
        {
            area = 0;
            for (var j = 1; j < m; j++) area += (fpr[j] - fpr[j - 1]) * (tpr[j] + tpr[j - 1]) / 2.0;
        }
        return new RocCurve(fpr, tpr, thr, area, (int)totalP, (int)totalN);
    }
}
