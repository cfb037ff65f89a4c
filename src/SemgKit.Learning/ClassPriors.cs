namespace SemgKit.Learning;

/// <summary>
/// Class priors shared by the generative learners (LDA, QDA, Gaussian naive Bayes): class frequencies, or explicit
/// priors validated (finite, non-negative, positive sum) and renormalised like scikit-learn when they do not sum to 1.
/// </summary>
internal static class ClassPriors
{
    /// <param name="explicitPriors">Priors from the options, or null for the class frequencies.</param>
    /// <param name="counts">Rows per class.</param>
    /// <param name="n">Total rows.</param>
    public static double[] Resolve(IReadOnlyList<double>? explicitPriors, int[] counts, int n)
    {
        var k = counts.Length;
        var priors = new double[k];
        if (explicitPriors is null)
        {
            for (var c = 0; c < k; c++) priors[c] = (double)counts[c] / n;
            return priors;
        }
        if (explicitPriors.Count != k)
            throw new ArgumentException($"Priors has {explicitPriors.Count} values; expected K = {k}.", "options");
        double sum = 0;
        for (var c = 0; c < k; c++)
        {
            var p = explicitPriors[c];
            if (!double.IsFinite(p) || p < 0)
                throw new ArgumentException($"Priors[{c}] = {p} must be finite and non-negative.", "options");
            priors[c] = p;
            sum += p;
        }
        if (sum <= 0)
            throw new ArgumentException("Priors sum to zero.", "options");
        if (Math.Abs(sum - 1.0) > 1e-5)
            for (var c = 0; c < k; c++) priors[c] /= sum;
        return priors;
    }
}
