namespace SemgKit.Learning;

/// <summary>
/// k-nearest-neighbour classification as scikit-learn's <c>KNeighborsClassifier(algorithm='brute',
/// metric='euclidean')</c>: brute-force SIMD distances to every stored row and a partial sort that keeps
/// the k smallest. Equal distances are ordered by training-row index (sklearn's order between exactly tied
/// neighbours is unspecified). Class weights are not supported.
/// </summary>
public static class Knn
{
    /// <summary>Stores the training rows (a copy) and labels.</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, K &lt; 2, a class has no samples,
    /// a value is not finite, or k is not in [1, N].</exception>
    public static KnnClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, KnnOptions? options = null)
    {
        options ??= new KnnOptions();
        var (k, _) = TrainingData.Check("kNN", x, y, options.ClassCount);
        if (options.Neighbors < 1 || options.Neighbors > x.RowCount)
            throw new ArgumentException($"Neighbors = {options.Neighbors} must be in [1, N = {x.RowCount}].", nameof(options));
        if (!Enum.IsDefined(options.Weights))
            throw new ArgumentException($"Unknown weights {options.Weights}.", nameof(options));
        return new KnnClassifier(x.Data.ToArray(), y.ToArray(), x.FeatureCount, k, options.Neighbors, options.Weights);
    }
}
