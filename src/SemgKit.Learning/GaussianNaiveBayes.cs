namespace SemgKit.Learning;

/// <summary>
/// Gaussian naive Bayes as scikit-learn's <c>GaussianNB</c> (sklearn 1.2): per class the feature means
/// θ_kj and biased variances σ²_kj + ε, ε = var_smoothing · max_j Var(X_j); the joint log-likelihood is
/// log π_k − ½ Σ_j log(2π σ²_kj) − ½ Σ_j (x_j − θ_kj)² / σ²_kj and the probabilities its softmax.
/// Computed in double.
/// </summary>
public static class GaussianNaiveBayes
{
    /// <summary>Fits on rows <paramref name="x"/> (N × F) with labels <paramref name="y"/> (N, in [0, K)).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, K &lt; 2, a class has no samples,
    /// a value is not finite, or the options are invalid.</exception>
    public static GaussianNaiveBayesClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, GaussianNaiveBayesOptions? options = null)
    {
        options ??= new GaussianNaiveBayesOptions();
        var (k, counts) = TrainingData.Check("Gaussian naive Bayes", x, y, options.ClassCount);
        if (!(options.VarSmoothing >= 0) || !double.IsFinite(options.VarSmoothing))
            throw new ArgumentException($"VarSmoothing = {options.VarSmoothing} must be finite and non-negative.", nameof(options));
        int n = x.RowCount, f = x.FeatureCount;
        var data = x.Data;
        var theta = new double[k * f];
        var variance = new double[k * f];
        var mean = new double[f];
        var total = new double[f];
        for (var i = 0; i < n; i++)
        {
            var row = data.Slice(i * f, f);
            var c = y[i];
            for (var j = 0; j < f; j++)
            {
                theta[c * f + j] += row[j];
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < f; j++) mean[j] /= n;
        for (var c = 0; c < k; c++)
            for (var j = 0; j < f; j++) theta[c * f + j] /= counts[c];
        for (var i = 0; i < n; i++)
        {
            var row = data.Slice(i * f, f);
            var c = y[i];
            for (var j = 0; j < f; j++)
            {
                var d = row[j] - theta[c * f + j];
                variance[c * f + j] += d * d;
                var e = row[j] - mean[j];
                total[j] += e * e;
            }
        }
        double maxVar = 0;
        for (var j = 0; j < f; j++) maxVar = Math.Max(maxVar, total[j] / n);
        var epsilon = options.VarSmoothing * (maxVar > 0 ? maxVar : 1.0);
        for (var c = 0; c < k; c++)
            for (var j = 0; j < f; j++) variance[c * f + j] = variance[c * f + j] / counts[c] + epsilon;
        for (var i = 0; i < variance.Length; i++)
        {
            if (!(variance[i] > 0))
                throw new ArgumentException($"Class {i / f} feature {i % f} has zero variance and VarSmoothing is 0; use a positive VarSmoothing.", nameof(options));
        }
        var priors = ClassPriors.Resolve(options.Priors, counts, n);
        return new GaussianNaiveBayesClassifier(theta, variance, priors, epsilon);
    }
}
