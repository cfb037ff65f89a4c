namespace SemgKit.Learning;

/// <summary>
/// A fitted Gaussian naive Bayes classifier (see <see cref="GaussianNaiveBayes"/>). Immutable,
/// thread-safe, allocation-free (K ≤ 1024 classes use the stack).
/// </summary>
public sealed class GaussianNaiveBayesClassifier : IClassifier
{
    private const uint Magic = 0x424E4753; // bytes "SGNB"
    private const int FormatVersion = 1;
    private const string Model = "Gaussian naive Bayes";

    private readonly double[] _theta;
    private readonly double[] _variance;
    private readonly double[] _priors;
    private readonly double[] _constant; // log π_k − ½ Σ_j log(2π σ²_kj)
    private readonly double[] _halfInverseVariance;

    internal GaussianNaiveBayesClassifier(double[] theta, double[] variance, double[] priors, double epsilon)
    {
        var k = priors.Length;
        var f = theta.Length / k;
        ClassCount = k;
        FeatureCount = f;
        Epsilon = epsilon;
        _theta = theta;
        _variance = variance;
        _priors = priors;
        _constant = new double[k];
        _halfInverseVariance = new double[k * f];
        for (var c = 0; c < k; c++)
        {
            double s = 0;
            for (var j = 0; j < f; j++)
            {
                s += Math.Log(2 * Math.PI * variance[c * f + j]);
                _halfInverseVariance[c * f + j] = 0.5 / variance[c * f + j];
            }
            _constant[c] = Math.Log(priors[c]) - 0.5 * s;
        }
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <summary>ε added to every variance (sklearn's <c>epsilon_</c>).</summary>
    public double Epsilon { get; }

    /// <summary>K × F class means (sklearn's <c>theta_</c>).</summary>
    public ReadOnlySpan<double> Means => _theta;

    /// <summary>K × F class variances including ε (sklearn's <c>var_</c>).</summary>
    public ReadOnlySpan<double> Variances => _variance;

    /// <summary>K class priors (sklearn's <c>class_prior_</c>).</summary>
    public ReadOnlySpan<double> Priors => _priors;

    /// <summary>Writes the K joint log-likelihoods log P(x, k) (sklearn's <c>_joint_log_likelihood</c>).</summary>
    public void JointLogLikelihood(ReadOnlySpan<float> features, Span<double> destination)
    {
        ModelFile.CheckSpans(features, FeatureCount, Span<float>.Empty, ClassCount);
        if (destination.Length != ClassCount)
            throw new ArgumentException($"destination has length {destination.Length}; expected K = {ClassCount}.", nameof(destination));
        Compute(features, destination);
    }

    private void Compute(ReadOnlySpan<float> features, Span<double> destination)
    {
        var f = FeatureCount;
        for (var c = 0; c < ClassCount; c++)
        {
            var theta = _theta.AsSpan(c * f, f);
            var h = _halfInverseVariance.AsSpan(c * f, f);
            double s = 0;
            for (var j = 0; j < f; j++)
            {
                var d = features[j] - theta[j];
                s += d * d * h[j];
            }
            destination[c] = _constant[c] - s;
        }
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        ModelFile.CheckSpans(features, FeatureCount, probabilities, ClassCount);
        Span<double> jll = ClassCount <= 1024 ? stackalloc double[ClassCount] : new double[ClassCount];
        Compute(features, jll);
        return Softmax.ArgMaxAndProbabilities(jll, probabilities);
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SGNB"), int32 version (1), int32 K, int32 F, float64 ε,
    /// then float64 means (K·F), variances (K·F), priors (K). Little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        writer.Write(Epsilon);
        foreach (var v in _theta) writer.Write(v);
        foreach (var v in _variance) writer.Write(v);
        foreach (var v in _priors) writer.Write(v);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes or values out of range
    /// (non-positive variances, priors outside [0, 1]), or a truncated stream.</exception>
    public static GaussianNaiveBayesClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ModelFile.Guard(Model, () =>
        {
            ModelFile.Header(reader, Magic, "SGNB", FormatVersion, Model);
            var k = ModelFile.Int(reader, Model, "class count", 2, ModelFile.MaxClasses);
            var f = ModelFile.Int(reader, Model, "feature count", 1, ModelFile.MaxFeatures);
            var epsilon = reader.ReadDouble();
            if (!(epsilon >= 0) || !double.IsFinite(epsilon))
                throw new InvalidDataException($"{Model} model epsilon {epsilon} must be finite and non-negative.");
            var theta = ModelFile.Doubles(reader, (long)k * f, Model, "means");
            var variance = ModelFile.Doubles(reader, (long)k * f, Model, "variances");
            for (var i = 0; i < variance.Length; i++)
                if (!(variance[i] > 0))
                    throw new InvalidDataException($"{Model} model variances[{i}] = {variance[i]} must be positive.");
            var priors = ModelFile.Doubles(reader, k, Model, "priors");
            for (var c = 0; c < k; c++)
                if (!(priors[c] >= 0 && priors[c] <= 1))
                    throw new InvalidDataException($"{Model} model priors[{c}] = {priors[c]} must be in [0, 1].");
            return new GaussianNaiveBayesClassifier(theta, variance, priors, epsilon);
        });
    }
}
