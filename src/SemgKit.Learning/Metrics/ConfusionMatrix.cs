namespace SemgKit.Learning.Metrics;

/// <summary>
/// K × K counts: rows are true classes, columns predicted classes (sklearn's <c>confusion_matrix</c>
/// with <c>labels=range(K)</c>). Immutable.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Builds a matrix from row-major counts (K × K, each ≥ 0).</summary>
    public ConfusionMatrix(int classCount, ReadOnlySpan<int> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (counts.Length != classCount * classCount)
            throw new ArgumentException($"counts has {counts.Length} values; expected K × K = {classCount * classCount}.", nameof(counts));
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
                throw new ArgumentException($"counts[{i}] = {counts[i]} is negative.", nameof(counts));
            total += counts[i];
        }
        if (total > int.MaxValue)
            throw new ArgumentException("The counts sum to more than int.MaxValue.", nameof(counts));
        ClassCount = classCount;
        Total = (int)total;
        _counts = counts.ToArray();
    }

    /// <summary>Counts (truth, predicted) pairs; labels must already be validated to lie in [0, K).</summary>
    internal static ConfusionMatrix Count(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        var counts = new int[classCount * classCount];
        for (var i = 0; i < truth.Length; i++) counts[truth[i] * classCount + predicted[i]]++;
        return new ConfusionMatrix(classCount, counts);
    }

    /// <summary>K.</summary>
    public int ClassCount { get; }

    /// <summary>N: the sum of all counts.</summary>
    public int Total { get; }

    /// <summary>Row-major K × K counts.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>Number of samples of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted]
    {
        get
        {
            if ((uint)truth >= (uint)ClassCount) throw new ArgumentOutOfRangeException(nameof(truth));
            if ((uint)predicted >= (uint)ClassCount) throw new ArgumentOutOfRangeException(nameof(predicted));
            return _counts[truth * ClassCount + predicted];
        }
    }

    /// <summary>Support of class <paramref name="truth"/>: the sum of its row.</summary>
    public int RowSum(int truth)
    {
        var sum = 0;
        for (var p = 0; p < ClassCount; p++) sum += this[truth, p];
        return sum;
    }

    /// <summary>How often class <paramref name="predicted"/> was predicted: the sum of its column.</summary>
    public int ColumnSum(int predicted)
    {
        var sum = 0;
        for (var t = 0; t < ClassCount; t++) sum += this[t, predicted];
        return sum;
    }

    /// <summary>A copy of the counts as [truth, predicted].</summary>
    public int[,] ToArray()
    {
        var result = new int[ClassCount, ClassCount];
        for (var t = 0; t < ClassCount; t++)
            for (var p = 0; p < ClassCount; p++) result[t, p] = _counts[t * ClassCount + p];
        return result;
    }

    /// <summary>
    /// Each row divided by its sum (rows then read as recall per predicted column, sklearn's
    /// <c>normalize='true'</c>); a row with no samples stays all zeros.
    /// </summary>
    public double[,] RowNormalised()
    {
        var result = new double[ClassCount, ClassCount];
        for (var t = 0; t < ClassCount; t++)
        {
            var sum = RowSum(t);
            if (sum == 0) continue;
            for (var p = 0; p < ClassCount; p++) result[t, p] = (double)_counts[t * ClassCount + p] / sum;
        }
        return result;
    }
}
