namespace SemgKit.Learning.Metrics;

/// <summary>Scores hard predictions against the truth, as scikit-learn's metrics with <c>zero_division=0</c>.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Computes the confusion matrix and every score of <see cref="ClassificationReport"/>.
    /// Both label spans must hold values in [0, <paramref name="classCount"/>); rejected decisions (−1)
    /// are not accepted here: drop them first and count them separately.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, N = 0, K &lt; 1, or a label is out of range
    /// (the message names the span and index).</exception>
    public static ClassificationReport Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"truth has {truth.Length} labels but predicted has {predicted.Length}.", nameof(predicted));
        if (truth.IsEmpty)
            throw new ArgumentException("Cannot score zero samples.", nameof(truth));
        for (var i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= (uint)classCount)
                throw new ArgumentException($"truth[{i}] = {truth[i]} is outside [0, {classCount}).", nameof(truth));
            if ((uint)predicted[i] >= (uint)classCount)
                throw new ArgumentException($"predicted[{i}] = {predicted[i]} is outside [0, {classCount}).", nameof(predicted));
        }

        var cm = ConfusionMatrix.Count(truth, predicted, classCount);
        var k = classCount;
        double n = cm.Total;
        var perClass = new ClassMetrics[k];
        double correct = 0, macroP = 0, macroR = 0, macroF = 0, present = 0;
        double weightedP = 0, weightedR = 0, weightedF = 0;
        double recallSum = 0, supported = 0;
        for (var c = 0; c < k; c++)
        {
            double tp = cm[c, c];
            double support = cm.RowSum(c);
            double predictedCount = cm.ColumnSum(c);
            var fp = predictedCount - tp;
            var fn = support - tp;
            var tn = n - tp - fp - fn;
            var precision = Divide(tp, predictedCount);
            var recall = Divide(tp, support);
            var f1 = Divide(2 * precision * recall, precision + recall);
            var specificity = Divide(tn, tn + fp);
            perClass[c] = new ClassMetrics(c, precision, recall, f1, specificity, (int)support);

            correct += tp;
            if (support > 0 || predictedCount > 0)
            {
                present++;
                macroP += precision;
                macroR += recall;
                macroF += f1;
            }
            if (support > 0)
            {
                supported++;
                recallSum += recall;
            }
            weightedP += precision * support;
            weightedR += recall * support;
            weightedF += f1 * support;
        }

        // Cohen's kappa as sklearn: k = Σ w·C / Σ w·E with w = 1 − I, E = outer(colSums, rowSums) / N.
        var rowSums = new double[k];
        var colSums = new double[k];
        for (var c = 0; c < k; c++)
        {
            rowSums[c] = cm.RowSum(c);
            colSums[c] = cm.ColumnSum(c);
        }
        double observedOff = 0, expectedOff = 0;
        for (var t = 0; t < k; t++)
        {
            for (var p = 0; p < k; p++)
            {
                if (t == p) continue;
                observedOff += cm[t, p];
                expectedOff += colSums[t] * rowSums[p] / n;
            }
        }
        var kappa = 1.0 - observedOff / expectedOff;

        return new ClassificationReport(cm, perClass, correct / n,
            supported > 0 ? recallSum / supported : 0.0,
            macroP / present, macroR / present, macroF / present,
            weightedP / n, weightedR / n, weightedF / n, kappa);
    }

    /// <summary>a / b, or 0 when b = 0 (sklearn's <c>zero_division=0</c>).</summary>
    private static double Divide(double a, double b) => b == 0 ? 0.0 : a / b;
}
