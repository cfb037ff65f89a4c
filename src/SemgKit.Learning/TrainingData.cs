namespace SemgKit.Learning;

/// <summary>Shared argument checks for the learners' <c>Fit</c> methods.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Checks sizes and labels and returns K and the per-class counts. K is <paramref name="classCount"/>
    /// or (largest label + 1); every class in [0, K) needs a sample and K ≥ 2.
    /// </summary>
    public static (int K, int[] Counts) Check(string learner, FeatureMatrix x, ReadOnlySpan<int> y, int? classCount)
    {
        var n = x.RowCount;
        if (n < 1)
            throw new ArgumentException($"Cannot fit {learner} on zero rows.", nameof(x));
        if (y.Length != n)
            throw new ArgumentException($"y has {y.Length} labels; x has {n} rows.", nameof(y));
        var max = -1;
        foreach (var label in y) max = Math.Max(max, label);
        var k = classCount ?? max + 1;
        if (k < 2)
            throw new ArgumentException($"{learner} needs at least 2 classes; got K = {k} (all labels are {max}). Check the labels or set ClassCount.", nameof(y));
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            var label = y[i];
            if ((uint)label >= (uint)k)
                throw new ArgumentException($"y[{i}] = {label} is outside [0, {k}).", nameof(y));
            counts[label]++;
        }
        for (var c = 0; c < k; c++)
        {
            if (counts[c] == 0)
                throw new ArgumentException($"Class {c} has no samples; every class in [0, {k}) needs at least one.", nameof(y));
        }
        for (var i = 0; i < x.Data.Length; i++)
        {
            if (!float.IsFinite(x.Data[i]))
                throw new ArgumentException($"x[{i / x.FeatureCount}, {i % x.FeatureCount}] = {x.Data[i]} is not finite.", nameof(x));
        }
        return (k, counts);
    }

    /// <summary>Checks optional class weights (length K, finite, ≥ 0) and returns them, or all ones.</summary>
    public static double[] Weights(IReadOnlyList<double>? weights, int k)
    {
        var result = new double[k];
        if (weights is null)
        {
            Array.Fill(result, 1.0);
            return result;
        }
        if (weights.Count != k)
            throw new ArgumentException($"ClassWeights has {weights.Count} values; expected K = {k}.", "options");
        for (var c = 0; c < k; c++)
        {
            var w = weights[c];
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentException($"ClassWeights[{c}] = {w} must be finite and non-negative.", "options");
            result[c] = w;
        }
        return result;
    }
}
