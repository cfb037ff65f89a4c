namespace SemgKit.Learning;

/// <summary>Options for <see cref="Qda.Fit"/>; the defaults are scikit-learn's <c>QuadraticDiscriminantAnalysis()</c>.</summary>
public sealed record QdaOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) needs at least two samples.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Explicit class priors (length K, ≥ 0, renormalised when their sum differs from 1 by more than 1e-5); null uses class frequencies.</summary>
    public IReadOnlyList<double>? Priors { get; init; }

    /// <summary>
    /// r in [0, 1]: each class covariance's eigenvalues become (1 − r)·λ + r (sklearn's <c>reg_param</c>).
    /// </summary>
    public double RegParam { get; init; }
}
