using SemgKit.Learning.LinearAlgebra;

namespace SemgKit.Learning;

/// <summary>
/// Quadratic discriminant analysis as scikit-learn's <c>QuadraticDiscriminantAnalysis</c> (sklearn 1.2):
/// per class the mean μ_k and the unbiased covariance Σ_k = V diag(λ) Vᵀ (sklearn takes the SVD of the
/// centred rows; the eigen-decomposition here gives the same V and λ = s²/(n_k − 1)), keeping the
/// min(n_k, F) leading directions as sklearn, with λ ← (1 − r)λ + r. The decision is
/// d_k(x) = −½(‖diag(λ)^−½ Vᵀ(x − μ_k)‖² + Σ log λ) + log π_k (sklearn's <c>_decision_function</c>) and the
/// probabilities its softmax. Eigenvalues are floored at 1e-12·max(λ) (sklearn only warns about collinear
/// variables and then produces infinities); use RegParam &gt; 0 for rank-deficient classes. Double precision.
/// </summary>
public static class Qda
{
    /// <summary>Fits QDA on rows <paramref name="x"/> (N × F) with labels <paramref name="y"/> (N, in [0, K)).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, K &lt; 2, a class has fewer than two
    /// samples, a value is not finite, or the options are invalid.</exception>
    public static QdaClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, QdaOptions? options = null)
    {
        options ??= new QdaOptions();
        var (k, counts) = TrainingData.Check("QDA", x, y, options.ClassCount);
        if (!(options.RegParam >= 0 && options.RegParam <= 1))
            throw new ArgumentException($"RegParam = {options.RegParam} must be in [0, 1].", nameof(options));
        for (var c = 0; c < k; c++)
        {
            if (counts[c] < 2)
                throw new ArgumentException($"Class {c} has {counts[c]} sample; QDA needs at least 2 per class to estimate a covariance.", nameof(y));
        }
        int n = x.RowCount, f = x.FeatureCount;
        var priors = ClassPriors.Resolve(options.Priors, counts, n);
        var data = x.Data;
        var means = new double[k * f];
        var projections = new double[k][];
        var logDet = new double[k];
        for (var c = 0; c < k; c++)
        {
            var nc = counts[c];
            var rows = new double[nc * f];
            var r = 0;
            for (var i = 0; i < n; i++)
            {
                if (y[i] != c) continue;
                for (var j = 0; j < f; j++) rows[r * f + j] = data[i * f + j];
                r++;
            }
            var mean = means.AsSpan(c * f, f);
            for (var i = 0; i < nc; i++)
                for (var j = 0; j < f; j++) mean[j] += rows[i * f + j];
            for (var j = 0; j < f; j++) mean[j] /= nc;
            var cov = new double[f * f];
            for (var i = 0; i < nc; i++)
            {
                for (var a = 0; a < f; a++)
                {
                    var da = rows[i * f + a] - mean[a];
                    for (var b = a; b < f; b++) cov[a * f + b] += da * (rows[i * f + b] - mean[b]);
                }
            }
            for (var a = 0; a < f; a++)
            {
                for (var b = a; b < f; b++)
                {
                    cov[a * f + b] /= nc - 1;
                    cov[b * f + a] = cov[a * f + b];
                }
            }
            var eigenvalues = new double[f];
            var vectors = new double[f * f];
            SymmetricEigen.Decompose(cov, f, eigenvalues, vectors);
            var order = Enumerable.Range(0, f).OrderByDescending(t => eigenvalues[t]).ToArray();
            var rank = Math.Min(nc, f);
            var maxEigen = Math.Max(eigenvalues[order[0]], 0);
            var floor = Math.Max(1e-12 * maxEigen, double.Epsilon);
            var w = new double[rank * f];
            double sumLog = 0;
            for (var t = 0; t < rank; t++)
            {
                var lambda = Math.Max(eigenvalues[order[t]], 0);
                lambda = (1 - options.RegParam) * lambda + options.RegParam;
                lambda = Math.Max(lambda, floor);
                sumLog += Math.Log(lambda);
                var scale = 1 / Math.Sqrt(lambda);
                for (var j = 0; j < f; j++) w[t * f + j] = vectors[j * f + order[t]] * scale;
            }
            projections[c] = w;
            logDet[c] = sumLog;
        }
        return new QdaClassifier(means, projections, logDet, priors);
    }
}
