using SemgKit.Learning.Solvers;

namespace SemgKit.Learning;

/// <summary>
/// A fitted k-nearest-neighbour classifier (see <see cref="Knn"/>): the probabilities are the (weighted)
/// neighbour votes normalised to sum 1 (sklearn's <c>predict_proba</c>), the prediction their first
/// arg-max (the lowest class on ties, as sklearn). Immutable, thread-safe, allocation-free (k ≤ 512 and
/// K ≤ 1024 use the stack).
/// </summary>
public sealed class KnnClassifier : IClassifier
{
    private const uint Magic = 0x4E4E4B53; // bytes "SKNN"
    private const int FormatVersion = 1;
    private const string Model = "kNN";

    private readonly float[] _rows;
    private readonly int[] _labels;

    internal KnnClassifier(float[] rows, int[] labels, int f, int k, int neighbors, KnnWeights weights)
    {
        _rows = rows;
        _labels = labels;
        FeatureCount = f;
        ClassCount = k;
        Neighbors = neighbors;
        Weights = weights;
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <summary>k.</summary>
    public int Neighbors { get; }

    /// <summary>The vote weighting.</summary>
    public KnnWeights Weights { get; }

    /// <summary>N: the number of stored training rows.</summary>
    public int RowCount => _labels.Length;

    /// <summary>
    /// Writes the indices of the k nearest training rows, nearest first (ties by index), into
    /// <paramref name="indices"/> and their Euclidean distances into <paramref name="distances"/> (both length k).
    /// </summary>
    public void KNeighbors(ReadOnlySpan<float> features, Span<int> indices, Span<float> distances)
    {
        ModelFile.CheckSpans(features, FeatureCount, Span<float>.Empty, ClassCount);
        if (indices.Length != Neighbors || distances.Length != Neighbors)
            throw new ArgumentException($"indices and distances must have length k = {Neighbors}.", nameof(indices));
        Nearest(features, indices, distances);
        for (var i = 0; i < distances.Length; i++) distances[i] = MathF.Sqrt(distances[i]);
    }

    /// <summary>The k smallest squared distances (ascending; ties by index) by insertion into a sorted prefix.</summary>
    private void Nearest(ReadOnlySpan<float> features, Span<int> indices, Span<float> squared)
    {
        var f = FeatureCount;
        var kk = Neighbors;
        var count = 0;
        var n = _labels.Length;
        var rows = _rows.AsSpan();
        for (var i = 0; i < n; i++)
        {
            var d = Simd.SquaredDistance(rows.Slice(i * f, f), features);
            if (count == kk && !(d < squared[kk - 1])) continue;
            var pos = count < kk ? count++ : kk - 1;
            while (pos > 0 && squared[pos - 1] > d)
            {
                squared[pos] = squared[pos - 1];
                indices[pos] = indices[pos - 1];
                pos--;
            }
            squared[pos] = d;
            indices[pos] = i;
        }
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        ModelFile.CheckSpans(features, FeatureCount, probabilities, ClassCount);
        var kk = Neighbors;
        Span<int> indices = kk <= 512 ? stackalloc int[kk] : new int[kk];
        Span<float> squared = kk <= 512 ? stackalloc float[kk] : new float[kk];
        Nearest(features, indices, squared);
        Span<double> votes = ClassCount <= 1024 ? stackalloc double[ClassCount] : new double[ClassCount];
        votes.Clear();
        if (Weights == KnnWeights.Distance && squared[0] == 0)
        {
            // sklearn: rows with a zero distance get weight 1, all others 0.
            for (var t = 0; t < kk && squared[t] == 0; t++) votes[_labels[indices[t]]] += 1;
        }
        else
        {
            for (var t = 0; t < kk; t++)
                votes[_labels[indices[t]]] += Weights == KnnWeights.Uniform ? 1.0 : 1.0 / Math.Sqrt(squared[t]);
        }
        var best = 0;
        double sum = 0;
        for (var c = 0; c < votes.Length; c++)
        {
            sum += votes[c];
            if (votes[c] > votes[best]) best = c;
        }
        if (!probabilities.IsEmpty)
            for (var c = 0; c < votes.Length; c++) probabilities[c] = (float)(votes[c] / sum);
        return best;
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SKNN"), int32 version (1), int32 K, F, N, k, weights
    /// (0 uniform, 1 distance), then float32 rows (N·F) and int32 labels (N). Little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        writer.Write(RowCount);
        writer.Write(Neighbors);
        writer.Write((int)Weights);
        foreach (var v in _rows) writer.Write(v);
        foreach (var v in _labels) writer.Write(v);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes or values out of range, or a truncated stream.</exception>
    public static KnnClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ModelFile.Guard(Model, () =>
        {
            ModelFile.Header(reader, Magic, "SKNN", FormatVersion, Model);
            var k = ModelFile.Int(reader, Model, "class count", 2, ModelFile.MaxClasses);
            var f = ModelFile.Int(reader, Model, "feature count", 1, ModelFile.MaxFeatures);
            var n = ModelFile.Int(reader, Model, "row count", 1, int.MaxValue);
            var neighbors = ModelFile.Int(reader, Model, "neighbour count", 1, n);
            var weights = (KnnWeights)ModelFile.Int(reader, Model, "weights", 0, 1);
            var rows = ModelFile.Floats(reader, (long)n * f, Model, "rows");
            var labels = ModelFile.Ints(reader, n, Model, "labels", 0, k - 1);
            return new KnnClassifier(rows, labels, f, k, neighbors, weights);
        });
    }
}
