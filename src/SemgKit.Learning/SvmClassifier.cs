using System.Numerics.Tensors;
using SemgKit.Learning.Solvers;

namespace SemgKit.Learning;

/// <summary>
/// A fitted one-vs-one SVM (LIBSVM's <c>svm_model</c>). For class pair p = (i, j), i &lt; j, in sklearn's
/// order (0,1), (0,2), …, (0,K−1), (1,2), …: f_p(x) = Σ_s α_s K(x_s, x) − ρ_p over the support vectors of
/// classes i and j; f_p &gt; 0 is a vote for i, otherwise for j; the prediction is the class with most votes,
/// the lowest index on ties (as LIBSVM and sklearn's <c>predict</c>). The kernel values against all unique
/// support vectors are computed once per row and shared by all pairs. Probabilities: pairwise coupling of
/// Platt sigmoids (calibrated, when fitted with <see cref="SvmOptions.Probability"/>) or of
/// 1 / (1 + exp(−f_p)) (uncalibrated); as in sklearn, the voted class can differ from the most probable one
/// in rare near-tie cases. Immutable, thread-safe, allocation-free after a thread's first call (scratch
/// buffers are per thread).
/// </summary>
public sealed class SvmClassifier : IClassifier
{
    private const uint Magic = 0x4D565353; // bytes "SSVM"
    private const int FormatVersion = 1;
    private const string Model = "SVM";

    [ThreadStatic] private static float[]? s_kernelValues;
    [ThreadStatic] private static double[]? s_work;

    private readonly float[] _supportVectors;
    private readonly float[] _featureMajor; // F × stride: the support vectors transposed, zero-padded
    private readonly int _stride;
    private readonly float[] _svNorms;
    private readonly int[] _svCounts;
    private readonly int[] _svStarts;
    private readonly float[] _dualCoef;
    private readonly double[] _rho;
    private readonly double[]? _probA;
    private readonly double[]? _probB;
    private readonly int[] _supportIndices;
    private readonly KernelParameters _kernel;

    internal SvmClassifier(int k, int f, SvmKernel kernel, double gamma, double coef0, int degree, float[] supportVectors,
        int[] svCounts, float[] dualCoef, double[] rho, double[]? probA, double[]? probB, int[] supportIndices)
    {
        ClassCount = k;
        FeatureCount = f;
        _kernel = new KernelParameters(kernel, gamma, coef0, degree);
        _supportVectors = supportVectors;
        _svCounts = svCounts;
        _dualCoef = dualCoef;
        _rho = rho;
        _probA = probA;
        _probB = probB;
        _supportIndices = supportIndices;
        var total = supportIndices.Length;
        _svStarts = new int[k];
        for (var c = 1; c < k; c++) _svStarts[c] = _svStarts[c - 1] + svCounts[c - 1];
        _svNorms = new float[total];
        _stride = (total + 15) / 16 * 16;
        _featureMajor = new float[(long)f * _stride];
        for (var s = 0; s < total; s++)
        {
            var row = supportVectors.AsSpan(s * f, f);
            _svNorms[s] = Simd.Dot(row, row);
            for (var j = 0; j < f; j++) _featureMajor[j * _stride + s] = row[j];
        }
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <summary>K(K−1)/2: the number of one-vs-one decision values.</summary>
    public int PairCount => ClassCount * (ClassCount - 1) / 2;

    /// <summary>The kernel type.</summary>
    public SvmKernel Kernel => _kernel.Kernel;

    /// <summary>γ actually used (resolved from 'scale' at fit time).</summary>
    public double Gamma => _kernel.Gamma;

    /// <summary>Whether probabilities are Platt-calibrated (<see cref="SvmOptions.Probability"/>).</summary>
    public bool HasCalibratedProbabilities => _probA is not null;

    /// <summary>The support vectors, grouped by class (nSV × F, row-major; sklearn's <c>support_vectors_</c>).</summary>
    public ReadOnlySpan<float> SupportVectors => _supportVectors;

    /// <summary>Support vectors per class (sklearn's <c>n_support_</c>).</summary>
    public ReadOnlySpan<int> SupportVectorCounts => _svCounts;

    /// <summary>Training-row index of each support vector (sklearn's <c>support_</c>).</summary>
    public ReadOnlySpan<int> SupportIndices => _supportIndices;

    /// <summary>(K − 1) × nSV dual coefficients y·α in LIBSVM's layout (sklearn's <c>dual_coef_</c>).</summary>
    public ReadOnlySpan<float> DualCoefficients => _dualCoef;

    /// <summary>ρ per pair (sklearn's <c>intercept_</c> is −ρ).</summary>
    public ReadOnlySpan<double> Rho => _rho;

    /// <summary>
    /// Writes the K(K−1)/2 one-vs-one decision values f_p(x) in sklearn's pair order; f_p &gt; 0 favours the
    /// lower class i of pair (i, j). This is sklearn's <c>decision_function</c> with
    /// <c>decision_function_shape='ovo'</c> for K ≥ 3; for K = 2 sklearn returns −f (positive favours class 1).
    /// </summary>
    public void DecisionFunction(ReadOnlySpan<float> features, Span<float> decisions)
    {
        ModelFile.CheckSpans(features, FeatureCount, Span<float>.Empty, ClassCount);
        if (decisions.Length != PairCount)
            throw new ArgumentException($"decisions has length {decisions.Length}; expected K(K−1)/2 = {PairCount}.", nameof(decisions));
        var work = Work(PairCount);
        Decisions(features, work);
        for (var p = 0; p < decisions.Length; p++) decisions[p] = (float)work[p];
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        ModelFile.CheckSpans(features, FeatureCount, probabilities, ClassCount);
        var k = ClassCount;
        var pairs = PairCount;
        var work = Work(pairs + 2 * k * k + 3 * k);
        var dec = work.AsSpan(0, pairs);
        Decisions(features, dec);

        Span<int> votes = k <= 256 ? stackalloc int[k] : new int[k];
        votes.Clear();
        for (int i = 0, p = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++, p++)
            {
                if (dec[p] > 0) votes[i]++;
                else votes[j]++;
            }
        }
        var winner = 0;
        for (var c = 1; c < k; c++)
            if (votes[c] > votes[winner]) winner = c;

        if (!probabilities.IsEmpty)
        {
            var r = work.AsSpan(pairs, k * k);
            var prob = work.AsSpan(pairs + k * k, k);
            var scratch = work.AsSpan(pairs + k * k + k, k * k + k);
            for (int i = 0, p = 0; i < k; i++)
            {
                for (var j = i + 1; j < k; j++, p++)
                {
                    var pij = _probA is null ? Platt.SigmoidPredict(dec[p], -1, 0) : Platt.SigmoidPredict(dec[p], _probA[p], _probB![p]);
                    pij = Math.Min(Math.Max(pij, Platt.MinProbability), 1 - Platt.MinProbability);
                    r[i * k + j] = pij;
                    r[j * k + i] = 1 - pij;
                }
            }
            if (k == 2)
            {
                prob[0] = r[1];
                prob[1] = r[2];
            }
            else
            {
                Platt.MulticlassProbability(k, r, prob, scratch);
            }
            for (var c = 0; c < k; c++) probabilities[c] = (float)prob[c];
        }
        return winner;
    }

    private static double[] Work(int length)
    {
        var work = s_work;
        if (work is null || work.Length < length) s_work = work = new double[Math.Max(length, 64)];
        return work;
    }

    private void Decisions(ReadOnlySpan<float> features, Span<double> decisions)
    {
        var total = _supportIndices.Length;
        var values = s_kernelValues;
        if (values is null || values.Length < total) s_kernelValues = values = new float[Math.Max(total, 64)];
        var kv = values.AsSpan(0, total);
        Simd.DotsFeatureMajor(_featureMajor, _stride, features, kv, total);
        _kernel.Apply(kv, _kernel.Kernel == SvmKernel.Rbf ? Simd.Dot(features, features) : 0, _svNorms);
        var k = ClassCount;
        for (int i = 0, p = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++, p++)
            {
                int si = _svStarts[i], sj = _svStarts[j], ni = _svCounts[i], nj = _svCounts[j];
                double sum = TensorPrimitives.Dot(_dualCoef.AsSpan((j - 1) * total + si, ni), kv.Slice(si, ni));
                sum += TensorPrimitives.Dot(_dualCoef.AsSpan(i * total + sj, nj), kv.Slice(sj, nj));
                decisions[p] = sum - _rho[p];
            }
        }
    }

    /// <summary>
    /// Writes the model: uint32 magic (bytes "SSVM"), int32 version (1), int32 K, F, kernel, degree, nSV,
    /// calibrated flag (0/1); float64 γ, coef0; int32 nSV per class (K); int32 support indices (nSV);
    /// float32 support vectors (nSV·F), dual coefficients ((K−1)·nSV); float64 ρ (K(K−1)/2) and, when
    /// calibrated, Platt A and B (K(K−1)/2 each). Little-endian.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        writer.Write((int)_kernel.Kernel);
        writer.Write(_kernel.Degree);
        writer.Write(_supportIndices.Length);
        writer.Write(_probA is null ? 0 : 1);
        writer.Write(_kernel.Gamma);
        writer.Write(_kernel.Coef0);
        foreach (var v in _svCounts) writer.Write(v);
        foreach (var v in _supportIndices) writer.Write(v);
        foreach (var v in _supportVectors) writer.Write(v);
        foreach (var v in _dualCoef) writer.Write(v);
        foreach (var v in _rho) writer.Write(v);
        if (_probA is not null)
        {
            foreach (var v in _probA) writer.Write(v);
            foreach (var v in _probB!) writer.Write(v);
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, sizes or values out of range,
    /// inconsistent counts, or a truncated stream.</exception>
    public static SvmClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ModelFile.Guard(Model, () =>
        {
            ModelFile.Header(reader, Magic, "SSVM", FormatVersion, Model);
            var k = ModelFile.Int(reader, Model, "class count", 2, ModelFile.MaxClasses);
            var f = ModelFile.Int(reader, Model, "feature count", 1, ModelFile.MaxFeatures);
            var kernel = (SvmKernel)ModelFile.Int(reader, Model, "kernel", (int)SvmKernel.Linear, (int)SvmKernel.Sigmoid);
            var degree = ModelFile.Int(reader, Model, "degree", 1, 1000);
            var total = ModelFile.Int(reader, Model, "support vector count", 0, int.MaxValue);
            var calibrated = ModelFile.Int(reader, Model, "calibrated flag", 0, 1) == 1;
            var gamma = reader.ReadDouble();
            if (!(gamma > 0) || !double.IsFinite(gamma))
                throw new InvalidDataException($"SVM model gamma {gamma} must be finite and positive.");
            var coef0 = reader.ReadDouble();
            if (!double.IsFinite(coef0))
                throw new InvalidDataException($"SVM model coef0 {coef0} is not finite.");
            var counts = ModelFile.Ints(reader, k, Model, "support vectors per class", 0, total);
            if (counts.Sum(c => (long)c) != total)
                throw new InvalidDataException($"SVM model support vectors per class sum to {counts.Sum(c => (long)c)}; the header says {total}.");
            var indices = ModelFile.Ints(reader, total, Model, "support index", 0, int.MaxValue);
            var sv = ModelFile.Floats(reader, (long)total * f, Model, "support vectors");
            var dual = ModelFile.Floats(reader, (long)(k - 1) * total, Model, "dual coefficients");
            var pairs = k * (k - 1) / 2;
            var rho = ModelFile.Doubles(reader, pairs, Model, "rho");
            double[]? a = null, b = null;
            if (calibrated)
            {
                a = ModelFile.Doubles(reader, pairs, Model, "Platt A");
                b = ModelFile.Doubles(reader, pairs, Model, "Platt B");
            }
            return new SvmClassifier(k, f, kernel, gamma, coef0, degree, sv, counts, dual, rho, a, b, indices);
        });
    }
}
