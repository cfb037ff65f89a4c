namespace SemgKit.Learning;

/// <summary>
/// A fitted quadratic discriminant (see <see cref="Qda"/>). Immutable, thread-safe, allocation-free
/// (K ≤ 1024 classes use the stack). Double precision.
/// </summary>
public sealed class QdaClassifier : IClassifier
{
    private const uint Magic = 0x41445153; // bytes "SQDA"
    private const int FormatVersion = 1;
    private const string Model = "QDA";

    private readonly double[] _means;
    private readonly double[][] _projections; // per class: rank × F, rows v_t / √λ_t
    private readonly double[][] _projectedMeans; // per class: rank values W μ
    private readonly double[] _logDeterminants;
    private readonly double[] _priors;
    private readonly double[] _logPriors;

    internal QdaClassifier(double[] means, double[][] projections, double[] logDeterminants, double[] priors)
    {
        var k = priors.Length;
        var f = means.Length / k;
        ClassCount = k;
        FeatureCount = f;
        _means = means;
        _projections = projections;
        _logDeterminants = logDeterminants;
        _priors = priors;
        _logPriors = priors.Select(p => Math.Log(p)).ToArray();
        _projectedMeans = new double[k][];
        for (var c = 0; c < k; c++)
        {
            var w = projections[c];
            var rank = w.Length / f;
            var pm = new double[rank];
            for (var t = 0; t < rank; t++)
            {
                double s = 0;
                for (var j = 0; j < f; j++) s += w[t * f + j] * means[c * f + j];
                pm[t] = s;
            }
            _projectedMeans[c] = pm;
        }
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <summary>K × F class means (sklearn's <c>means_</c>).</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>K class priors (sklearn's <c>priors_</c>).</summary>
    public ReadOnlySpan<double> Priors => _priors;

    /// <summary>Writes the K decision values (log posterior up to a common constant; sklearn's <c>_decision_function</c>).</summary>
    public void DecisionFunction(ReadOnlySpan<float> features, Span<double> decisions)
    {
        ModelFile.CheckSpans(features, FeatureCount, Span<float>.Empty, ClassCount);
        if (decisions.Length != ClassCount)
            throw new ArgumentException($"decisions has length {decisions.Length}; expected K = {ClassCount}.", nameof(decisions));
        Compute(features, decisions);
    }

    private void Compute(ReadOnlySpan<float> features, Span<double> decisions)
    {
        var f = FeatureCount;
        for (var c = 0; c < ClassCount; c++)
        {
            var w = _projections[c];
            var pm = _projectedMeans[c];
            double norm2 = 0;
            for (var t = 0; t < pm.Length; t++)
            {
                var row = w.AsSpan(t * f, f);
                double z = 0;
                for (var j = 0; j < f; j++) z += row[j] * features[j];
                z -= pm[t];
                norm2 += z * z;
            }
            decisions[c] = -0.5 * (norm2 + _logDeterminants[c]) + _logPriors[c];
        }
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        ModelFile.CheckSpans(features, FeatureCount, probabilities, ClassCount);
        Span<double> d = ClassCount <= 1024 ? stackalloc double[ClassCount] : new double[ClassCount];
        Compute(features, d);
        return Softmax.ArgMaxAndProbabilities(d, probabilities);
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SQDA"), int32 version (1), int32 K, int32 F, float64 priors (K),
    /// means (K·F), log-determinants (K), then per class int32 rank and float64 projection (rank·F). Little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        foreach (var v in _priors) writer.Write(v);
        foreach (var v in _means) writer.Write(v);
        foreach (var v in _logDeterminants) writer.Write(v);
        foreach (var w in _projections)
        {
            writer.Write(w.Length / FeatureCount);
            foreach (var v in w) writer.Write(v);
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes or values out of range, or a truncated stream.</exception>
    public static QdaClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ModelFile.Guard(Model, () =>
        {
            ModelFile.Header(reader, Magic, "SQDA", FormatVersion, Model);
            var k = ModelFile.Int(reader, Model, "class count", 2, ModelFile.MaxClasses);
            var f = ModelFile.Int(reader, Model, "feature count", 1, 1 << 14);
            var priors = ModelFile.Doubles(reader, k, Model, "priors");
            for (var c = 0; c < k; c++)
                if (!(priors[c] >= 0 && priors[c] <= 1))
                    throw new InvalidDataException($"{Model} model priors[{c}] = {priors[c]} must be in [0, 1].");
            var means = ModelFile.Doubles(reader, (long)k * f, Model, "means");
            var logDet = ModelFile.Doubles(reader, k, Model, "log-determinants");
            var projections = new double[k][];
            for (var c = 0; c < k; c++)
            {
                var rank = ModelFile.Int(reader, Model, $"class {c} rank", 1, f);
                projections[c] = ModelFile.Doubles(reader, (long)rank * f, Model, $"class {c} projection");
            }
            return new QdaClassifier(means, projections, logDet, priors);
        });
    }
}
