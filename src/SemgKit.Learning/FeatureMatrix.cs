namespace SemgKit.Learning;

/// <summary>
/// Training or test data for classic learners: N rows × F features, row-major floats, a view over an
/// array (no copy). Labels travel separately as <c>ReadOnlySpan&lt;int&gt;</c> in [0, K).
/// </summary>
public readonly struct FeatureMatrix
{
    private readonly float[]? _data;

    /// <param name="data">Row-major values; its length must be exactly <paramref name="rowCount"/> × <paramref name="featureCount"/>.</param>
    /// <param name="rowCount">N ≥ 0.</param>
    /// <param name="featureCount">F ≥ 1.</param>
    public FeatureMatrix(float[] data, int rowCount, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if ((long)rowCount * featureCount != data.Length)
            throw new ArgumentException($"data has {data.Length} values; expected {rowCount} rows × {featureCount} features = {(long)rowCount * featureCount}.", nameof(data));
        _data = data;
        RowCount = rowCount;
        FeatureCount = featureCount;
    }

    /// <summary>N: the number of rows.</summary>
    public int RowCount { get; }

    /// <summary>F: the number of features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>All N × F values, row-major (writable: the matrix is a view over the caller's array).</summary>
    public Span<float> Data => _data;

    /// <summary>Row <paramref name="index"/> (F values).</summary>
    public Span<float> Row(int index)
    {
        if ((uint)index >= (uint)RowCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Row index must be in [0, {RowCount}).");
        return _data.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>The value at (<paramref name="row"/>, <paramref name="feature"/>).</summary>
    public float this[int row, int feature]
    {
        get
        {
            if ((uint)feature >= (uint)FeatureCount)
                throw new ArgumentOutOfRangeException(nameof(feature), feature, $"Feature index must be in [0, {FeatureCount}).");
            return Row(row)[feature];
        }
    }
}
