using SemgKit.Learning.LinearAlgebra;

namespace SemgKit.Learning;

/// <summary>
/// Linear discriminant analysis, fitted as scikit-learn's
/// <c>LinearDiscriminantAnalysis(solver='lsqr', shrinkage=…, priors=…)</c> (sklearn 1.2):
/// <list type="bullet">
/// <item>μ_k: class means; π_k: class frequencies (or <see cref="LdaOptions.Priors"/>).</item>
/// <item>Σ = Σ_k π_k·Σ_k, each Σ_k the biased (1/n_k) class covariance, optionally shrunk per class
/// (<see cref="LdaShrinkage"/>).</item>
/// <item>coef_k = Σ⁺ μ_k (minimum-norm least squares, as <c>scipy.linalg.lstsq</c>);
/// intercept_k = −½ μ_k·coef_k + log π_k.</item>
/// </list>
/// Everything is computed in double. A singular Σ (a constant feature, fewer samples than features)
/// does not fail: Σ⁺ is the pseudo-inverse, with eigenvalues ≤ F·ε·λ_max treated as zero (no ridge is
/// added), so a constant feature gets coefficient 0. Unlike sklearn, the binary case keeps K = 2 rows
/// (sklearn stores coef_[1] − coef_[0]); probabilities are identical.
/// </summary>
public static class Lda
{
    /// <summary>Fits LDA on rows <paramref name="x"/> (N × F) with labels <paramref name="y"/> (N, in [0, K)).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range (the message names its index),
    /// K &lt; 2, a class has no samples (the message names the class), or the priors are invalid.</exception>
    public static LdaClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, LdaOptions? options = null)
    {
        options ??= new LdaOptions();
        int n = x.RowCount, f = x.FeatureCount;
        if (n < 1)
            throw new ArgumentException("Cannot fit LDA on zero rows.", nameof(x));
        if (y.Length != n)
            throw new ArgumentException($"y has {y.Length} labels; x has {n} rows.", nameof(y));

        var k = options.ClassCount ?? MaxLabel(y) + 1;
        if (k < 2)
            throw new ArgumentException($"LDA needs at least 2 classes; got K = {k}.", nameof(options));
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            var label = y[i];
            if ((uint)label >= (uint)k)
                throw new ArgumentException($"y[{i}] = {label} is outside [0, {k}).", nameof(y));
            counts[label]++;
        }
        for (var c = 0; c < k; c++)
        {
            if (counts[c] == 0)
                throw new ArgumentException($"Class {c} has no samples; every class in [0, {k}) needs at least one.", nameof(y));
        }

        var priors = ClassPriors.Resolve(options.Priors, counts, n);

        // Gather each class's rows (double) to compute its mean and covariance.
        var data = x.Data;
        var classRows = new double[k][];
        var filled = new int[k];
        for (var c = 0; c < k; c++) classRows[c] = new double[counts[c] * f];
        for (var i = 0; i < n; i++)
        {
            var c = y[i];
            var dest = classRows[c].AsSpan(filled[c] * f, f);
            var src = data.Slice(i * f, f);
            for (var j = 0; j < f; j++) dest[j] = src[j];
            filled[c]++;
        }

        var means = new double[k * f];
        var pooled = new double[f * f];
        var cov = new double[f * f];
        for (var c = 0; c < k; c++)
        {
            var rows = classRows[c];
            var nc = counts[c];
            for (var i = 0; i < nc; i++)
                for (var j = 0; j < f; j++) means[c * f + j] += rows[i * f + j];
            for (var j = 0; j < f; j++) means[c * f + j] /= nc;

            var shrinkage = options.Shrinkage;
            if (shrinkage.IsAuto)
            {
                Covariance.LedoitWolfStandardized(rows, nc, f, cov);
            }
            else
            {
                Covariance.EmpiricalCentring(rows, nc, f, cov);
                if (shrinkage.Value is { } s) Covariance.Shrink(cov, f, s);
            }
            for (var i = 0; i < f * f; i++) pooled[i] += priors[c] * cov[i];
        }

        var coef = SymmetricEigen.PseudoInverseSolve(pooled, f, means, k);
        var intercepts = new double[k];
        for (var c = 0; c < k; c++)
        {
            double dot = 0;
            for (var j = 0; j < f; j++) dot += means[c * f + j] * coef[c * f + j];
            intercepts[c] = -0.5 * dot + Math.Log(priors[c]);
        }
        return new LdaClassifier(ToFloat(coef), ToFloat(intercepts), ToFloat(means), ToFloat(priors));
    }

    private static int MaxLabel(ReadOnlySpan<int> y)
    {
        var max = -1;
        foreach (var label in y) max = Math.Max(max, label);
        return max;
    }

    private static float[] ToFloat(double[] values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
