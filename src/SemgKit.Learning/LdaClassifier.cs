using System.Numerics.Tensors;

namespace SemgKit.Learning;

/// <summary>
/// A fitted linear discriminant: decision_k(x) = coef_k·x + intercept_k; the prediction is the arg-max
/// (first on ties, as numpy) and the probabilities are the softmax of the decisions (sklearn's
/// <c>predict_proba</c>). Immutable, thread-safe, allocation-free. Fit it with <see cref="Lda.Fit"/> or
/// rebuild it from stored parameters with the constructor or <see cref="Read"/>.
/// </summary>
public sealed class LdaClassifier : IClassifier
{
    private const uint Magic = 0x41444C53; // bytes "SLDA"
    private const int FormatVersion = 1;
    private const int MaxClasses = 1 << 16;
    private const int MaxFeatures = 1 << 20;
    private const int MaxParameters = 1 << 26;

    private readonly float[] _coefficients;
    private readonly float[] _intercepts;
    private readonly float[] _classMeans;
    private readonly float[] _priors;

    /// <summary>
    /// Builds a classifier from its parameters: K = <paramref name="intercepts"/>.Length ≥ 2,
    /// F = <paramref name="coefficients"/>.Length / K ≥ 1.
    /// </summary>
    /// <param name="coefficients">K × F, row-major, finite.</param>
    /// <param name="intercepts">K; −∞ is allowed (a class with prior 0), NaN is not.</param>
    /// <param name="classMeans">K × F, row-major, finite (kept for inspection and re-export).</param>
    /// <param name="priors">K, each in [0, 1].</param>
    public LdaClassifier(ReadOnlySpan<float> coefficients, ReadOnlySpan<float> intercepts, ReadOnlySpan<float> classMeans, ReadOnlySpan<float> priors)
    {
        var k = intercepts.Length;
        if (k < 2)
            throw new ArgumentException($"An LDA classifier needs at least 2 classes; intercepts has {k} values.", nameof(intercepts));
        if (coefficients.Length == 0 || coefficients.Length % k != 0)
            throw new ArgumentException($"coefficients has {coefficients.Length} values; expected K × F with K = {k} and F ≥ 1.", nameof(coefficients));
        var f = coefficients.Length / k;
        if (classMeans.Length != k * f)
            throw new ArgumentException($"classMeans has {classMeans.Length} values; expected K × F = {k} × {f}.", nameof(classMeans));
        if (priors.Length != k)
            throw new ArgumentException($"priors has {priors.Length} values; expected K = {k}.", nameof(priors));
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (!float.IsFinite(coefficients[i]))
                throw new ArgumentException($"coefficients[{i}] = {coefficients[i]} is not finite.", nameof(coefficients));
            if (!float.IsFinite(classMeans[i]))
                throw new ArgumentException($"classMeans[{i}] = {classMeans[i]} is not finite.", nameof(classMeans));
        }
        for (var c = 0; c < k; c++)
        {
            if (float.IsNaN(intercepts[c]) || float.IsPositiveInfinity(intercepts[c]))
                throw new ArgumentException($"intercepts[{c}] = {intercepts[c]} must be finite or −∞.", nameof(intercepts));
            if (!(priors[c] >= 0 && priors[c] <= 1))
                throw new ArgumentException($"priors[{c}] = {priors[c]} must be in [0, 1].", nameof(priors));
        }
        _coefficients = coefficients.ToArray();
        _intercepts = intercepts.ToArray();
        _classMeans = classMeans.ToArray();
        _priors = priors.ToArray();
        FeatureCount = f;
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount => _intercepts.Length;

    /// <summary>K × F discriminant coefficients, row-major (sklearn's <c>coef_</c> for K &gt; 2).</summary>
    public ReadOnlySpan<float> Coefficients => _coefficients;

    /// <summary>K intercepts (sklearn's <c>intercept_</c> for K &gt; 2).</summary>
    public ReadOnlySpan<float> Intercepts => _intercepts;

    /// <summary>K × F class means, row-major (sklearn's <c>means_</c>).</summary>
    public ReadOnlySpan<float> ClassMeans => _classMeans;

    /// <summary>K class priors (sklearn's <c>priors_</c>).</summary>
    public ReadOnlySpan<float> Priors => _priors;

    /// <summary>Writes the K decision values coef_k·x + intercept_k into <paramref name="decisions"/> (length K).</summary>
    public void DecisionFunction(ReadOnlySpan<float> features, Span<float> decisions)
    {
        CheckFeatures(features);
        if (decisions.Length != ClassCount)
            throw new ArgumentException($"decisions has length {decisions.Length}; expected K = {ClassCount}.", nameof(decisions));
        Decisions(features, decisions);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        CheckFeatures(features);
        var k = ClassCount;
        var f = FeatureCount;
        if (probabilities.IsEmpty)
        {
            var best = 0;
            var bestValue = float.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var d = TensorPrimitives.Dot(_coefficients.AsSpan(c * f, f), features) + _intercepts[c];
                if (d > bestValue)
                {
                    bestValue = d;
                    best = c;
                }
            }
            return best;
        }
        if (probabilities.Length != k)
            throw new ArgumentException($"probabilities has length {probabilities.Length}; expected K = {k} (or empty).", nameof(probabilities));
        Decisions(features, probabilities);
        var arg = TensorPrimitives.IndexOfMax(probabilities);
        if (arg < 0) arg = 0;
        var max = probabilities[arg];
        if (float.IsNaN(max))
        {
            probabilities.Fill(float.NaN);
            return arg;
        }
        if (float.IsNegativeInfinity(max))
        {
            probabilities.Fill(1f / k);
            return arg;
        }
        // Softmax as scipy.special.softmax: exp(d − max) / Σ exp(d − max).
        TensorPrimitives.Subtract(probabilities, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        var sum = TensorPrimitives.Sum(probabilities);
        TensorPrimitives.Divide(probabilities, sum, probabilities);
        return arg;
    }

    private void Decisions(ReadOnlySpan<float> features, Span<float> decisions)
    {
        var f = FeatureCount;
        for (var c = 0; c < decisions.Length; c++)
            decisions[c] = TensorPrimitives.Dot(_coefficients.AsSpan(c * f, f), features) + _intercepts[c];
    }

    private void CheckFeatures(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"features has length {features.Length}; expected F = {FeatureCount}.", nameof(features));
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SLDA"), int32 format version (1), int32 K, int32 F, then
    /// float32 coefficients (K·F), intercepts (K), class means (K·F), priors (K), little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        foreach (var v in _coefficients) writer.Write(v);
        foreach (var v in _intercepts) writer.Write(v);
        foreach (var v in _classMeans) writer.Write(v);
        foreach (var v in _priors) writer.Write(v);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes out of range,
    /// invalid values (NaN, infinite coefficients, priors outside [0, 1]) or a truncated stream.</exception>
    public static LdaClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var magic = reader.ReadUInt32();
            if (magic != Magic)
                throw new InvalidDataException($"Not an LDA model: magic 0x{magic:X8}, expected 0x{Magic:X8} (\"SLDA\").");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"LDA model format version {version} is not supported (this SemgKit reads version {FormatVersion}); refit the model or load it with the SemgKit version that wrote it.");
            var k = reader.ReadInt32();
            var f = reader.ReadInt32();
            if (k < 2 || k > MaxClasses)
                throw new InvalidDataException($"LDA model class count {k} is out of range [2, {MaxClasses}].");
            if (f < 1 || f > MaxFeatures)
                throw new InvalidDataException($"LDA model feature count {f} is out of range [1, {MaxFeatures}].");
            if ((long)k * f > MaxParameters)
                throw new InvalidDataException($"LDA model size K × F = {k} × {f} exceeds {MaxParameters} parameters.");
            var coefficients = ReadFloats(reader, k * f);
            var intercepts = ReadFloats(reader, k);
            var means = ReadFloats(reader, k * f);
            var priors = ReadFloats(reader, k);
            try
            {
                return new LdaClassifier(coefficients, intercepts, means, priors);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Invalid LDA model: {e.Message}", e);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("LDA model is truncated (the stream ended before all parameters were read).", e);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = reader.ReadSingle();
        return values;
    }
}
