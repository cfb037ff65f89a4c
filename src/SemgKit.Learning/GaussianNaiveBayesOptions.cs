namespace SemgKit.Learning;

/// <summary>Options for <see cref="GaussianNaiveBayes.Fit"/>; the defaults are scikit-learn's <c>GaussianNB()</c>.</summary>
public sealed record GaussianNaiveBayesOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) needs at least one sample.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Explicit class priors (length K, ≥ 0, summing to 1 within 1e-5 — renormalised otherwise); null uses class frequencies.</summary>
    public IReadOnlyList<double>? Priors { get; init; }

    /// <summary>
    /// ε = VarSmoothing · max_j Var(X_j) is added to every class variance (sklearn's <c>var_smoothing</c>).
    /// When every feature is constant ε would be 0; then ε = VarSmoothing (sklearn would divide by zero).
    /// </summary>
    public double VarSmoothing { get; init; } = 1e-9;
}
