namespace SemgKit.Learning;

/// <summary>
/// Per-class weights for imbalanced data. Honoured by <see cref="Svm"/> (C_k = C·w_k, as LIBSVM's
/// <c>-wi</c>) and <see cref="RandomForest"/> (sample weight w_k in the bootstrap Gini impurity and leaf
/// frequencies); LDA, QDA, kNN and Gaussian naive Bayes have no class weights.
/// </summary>
public static class ClassWeights
{
    /// <summary>
    /// sklearn's <c>class_weight='balanced'</c>: w_k = N / (K · n_k).
    /// </summary>
    /// <exception cref="ArgumentException">A label is outside [0, K) or a class has no samples.</exception>
    public static double[] Balanced(ReadOnlySpan<int> y, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (y.IsEmpty)
            throw new ArgumentException("y is empty.", nameof(y));
        var counts = new int[classCount];
        for (var i = 0; i < y.Length; i++)
        {
            if ((uint)y[i] >= (uint)classCount)
                throw new ArgumentException($"y[{i}] = {y[i]} is outside [0, {classCount}).", nameof(y));
            counts[y[i]]++;
        }
        var weights = new double[classCount];
        for (var c = 0; c < classCount; c++)
        {
            if (counts[c] == 0)
                throw new ArgumentException($"Class {c} has no samples; balanced weights are undefined for it.", nameof(y));
            weights[c] = (double)y.Length / (classCount * (double)counts[c]);
        }
        return weights;
    }
}
