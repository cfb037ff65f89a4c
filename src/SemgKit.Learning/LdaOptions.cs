namespace SemgKit.Learning;

/// <summary>Options for <see cref="Lda.Fit"/>. The defaults are scikit-learn's <c>LinearDiscriminantAnalysis(solver='lsqr')</c>.</summary>
public sealed record LdaOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) must have at least one sample.</summary>
    public int? ClassCount { get; init; }

    /// <summary>
    /// Explicit class priors (length K, finite, ≥ 0); null estimates them from class frequencies. As in
    /// sklearn, priors whose sum differs from 1 by more than 1e-5 are renormalised. A zero prior gives
    /// that class an intercept of −∞ (it is never predicted).
    /// </summary>
    public IReadOnlyList<double>? Priors { get; init; }

    /// <summary>Covariance shrinkage; default none.</summary>
    public LdaShrinkage Shrinkage { get; init; } = LdaShrinkage.None;
}
