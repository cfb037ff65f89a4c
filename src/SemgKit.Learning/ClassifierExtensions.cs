namespace SemgKit.Learning;

/// <summary>Batch helpers for any <see cref="IClassifier"/>.</summary>
public static class ClassifierExtensions
{
    /// <summary>
    /// Predicts <paramref name="rowCount"/> rows stored row-major in <paramref name="rows"/>
    /// (N × F floats) into <paramref name="predictions"/> (length N). Allocates nothing.
    /// </summary>
    public static void PredictBatch(this IClassifier classifier, ReadOnlySpan<float> rows, int rowCount, Span<int> predictions)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var f = classifier.FeatureCount;
        if ((long)rowCount * f != rows.Length)
            throw new ArgumentException($"rows has {rows.Length} values; expected rowCount × FeatureCount = {rowCount} × {f}.", nameof(rows));
        if (predictions.Length != rowCount)
            throw new ArgumentException($"predictions has length {predictions.Length}; expected {rowCount}.", nameof(predictions));
        for (var i = 0; i < rowCount; i++)
            predictions[i] = classifier.Predict(rows.Slice(i * f, f), Span<float>.Empty);
    }

    /// <summary>Predicts every row of <paramref name="x"/> into <paramref name="predictions"/> (length N).</summary>
    public static void PredictBatch(this IClassifier classifier, FeatureMatrix x, Span<int> predictions)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (x.FeatureCount != classifier.FeatureCount)
            throw new ArgumentException($"x has {x.FeatureCount} features; the classifier expects {classifier.FeatureCount}.", nameof(x));
        PredictBatch(classifier, x.Data, x.RowCount, predictions);
    }
}
