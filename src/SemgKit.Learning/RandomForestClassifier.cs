using SemgKit.Learning.Trees;

namespace SemgKit.Learning;

/// <summary>
/// A fitted random forest (see <see cref="RandomForest"/>): all trees' nodes in flat arrays. Immutable,
/// thread-safe, allocation-free (K ≤ 1024 uses the stack).
/// </summary>
public sealed class RandomForestClassifier : IClassifier
{
    private const uint Magic = 0x43465253; // bytes "SRFC"
    private const int FormatVersion = 1;
    private const string Model = "Random forest";

    private readonly int[] _roots;
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _values;

    private RandomForestClassifier(int k, int f, int[] roots, int[] feature, float[] threshold, int[] left, int[] right, float[] values)
    {
        ClassCount = k;
        FeatureCount = f;
        _roots = roots;
        _feature = feature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _values = values;
    }

    internal static RandomForestClassifier FromTrees(CartTree[] trees, int k, int f)
    {
        var nodes = trees.Sum(t => t.Feature.Length);
        var valueCount = trees.Sum(t => t.Values.Length);
        var roots = new int[trees.Length];
        var feature = new int[nodes];
        var threshold = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var values = new float[valueCount];
        int nodeOffset = 0, valueOffset = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            roots[t] = nodeOffset;
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                var g = nodeOffset + i;
                feature[g] = tree.Feature[i];
                threshold[g] = tree.Threshold[i];
                if (tree.Feature[i] < 0)
                {
                    left[g] = valueOffset + tree.Left[i];
                    right[g] = -1;
                }
                else
                {
                    left[g] = nodeOffset + tree.Left[i];
                    right[g] = nodeOffset + tree.Right[i];
                }
            }
            tree.Values.CopyTo(values, valueOffset);
            nodeOffset += tree.Feature.Length;
            valueOffset += tree.Values.Length;
        }
        return new RandomForestClassifier(k, f, roots, feature, threshold, left, right, values);
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => _roots.Length;

    /// <summary>Total number of nodes over all trees.</summary>
    public int NodeCount => _feature.Length;

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        ModelFile.CheckSpans(features, FeatureCount, probabilities, ClassCount);
        var k = ClassCount;
        Span<float> sum = k <= 1024 ? stackalloc float[k] : new float[k];
        sum.Clear();
        foreach (var root in _roots)
        {
            var node = root;
            while (_feature[node] >= 0)
                node = features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            var leaf = _values.AsSpan(_left[node], k);
            for (var c = 0; c < k; c++) sum[c] += leaf[c];
        }
        var best = 0;
        for (var c = 1; c < k; c++)
            if (sum[c] > sum[best]) best = c;
        if (!probabilities.IsEmpty)
            for (var c = 0; c < k; c++) probabilities[c] = sum[c] / _roots.Length;
        return best;
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SRFC"), int32 version (1), int32 K, F, tree count T, node count,
    /// value count; int32 roots (T); per node int32 feature (−1 for a leaf), float32 threshold, int32 left
    /// (leaf: value offset), int32 right (leaf: −1); float32 leaf values. Little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        writer.Write(_roots.Length);
        writer.Write(_feature.Length);
        writer.Write(_values.Length);
        foreach (var v in _roots) writer.Write(v);
        for (var i = 0; i < _feature.Length; i++)
        {
            writer.Write(_feature[i]);
            writer.Write(_threshold[i]);
            writer.Write(_left[i]);
            writer.Write(_right[i]);
        }
        foreach (var v in _values) writer.Write(v);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict: every child index must point forward
    /// inside the node array and every leaf to K values inside the value array (no cycles, no out-of-range reads).</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes or indices out of range, or a truncated stream.</exception>
    public static RandomForestClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ModelFile.Guard(Model, () =>
        {
            ModelFile.Header(reader, Magic, "SRFC", FormatVersion, Model);
            var k = ModelFile.Int(reader, Model, "class count", 2, ModelFile.MaxClasses);
            var f = ModelFile.Int(reader, Model, "feature count", 1, ModelFile.MaxFeatures);
            var trees = ModelFile.Int(reader, Model, "tree count", 1, 1 << 20);
            var nodes = ModelFile.Int(reader, Model, "node count", trees, (int)ModelFile.MaxValues);
            var valueCount = ModelFile.Int(reader, Model, "value count", k, (int)ModelFile.MaxValues);
            var roots = ModelFile.Ints(reader, trees, Model, "roots", 0, nodes - 1);
            var feature = new int[nodes];
            var threshold = new float[nodes];
            var left = new int[nodes];
            var right = new int[nodes];
            for (var i = 0; i < nodes; i++)
            {
                feature[i] = reader.ReadInt32();
                threshold[i] = reader.ReadSingle();
                left[i] = reader.ReadInt32();
                right[i] = reader.ReadInt32();
                if (feature[i] < -1 || feature[i] >= f)
                    throw new InvalidDataException($"{Model} model node {i} feature {feature[i]} is out of range [-1, {f}).");
                if (feature[i] < 0)
                {
                    if (left[i] < 0 || (long)left[i] + k > valueCount)
                        throw new InvalidDataException($"{Model} model leaf {i} value offset {left[i]} is out of range.");
                }
                else
                {
                    if (!float.IsFinite(threshold[i]))
                        throw new InvalidDataException($"{Model} model node {i} threshold {threshold[i]} is not finite.");
                    if (left[i] <= i || left[i] >= nodes || right[i] <= i || right[i] >= nodes)
                        throw new InvalidDataException($"{Model} model node {i} children ({left[i]}, {right[i]}) must point forward inside [0, {nodes}).");
                }
            }
            var values = ModelFile.Floats(reader, valueCount, Model, "leaf values");
            return new RandomForestClassifier(k, f, roots, feature, threshold, left, right, values);
        });
    }
}
