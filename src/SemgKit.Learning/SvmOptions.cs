namespace SemgKit.Learning;

/// <summary>
/// Options for <see cref="Svm.Fit"/>. The defaults are scikit-learn's
/// <c>SVC(kernel='rbf', C=1, gamma='scale', degree=3, coef0=0, tol=1e-3, shrinking=True, cache_size=200, probability=False)</c>.
/// </summary>
public sealed record SvmOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) needs at least one sample.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The kernel; default RBF.</summary>
    public SvmKernel Kernel { get; init; } = SvmKernel.Rbf;

    /// <summary>The box constraint C &gt; 0 (per class C_k = C·w_k with <see cref="ClassWeights"/>).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>
    /// γ &gt; 0 for RBF, polynomial and sigmoid kernels; null is sklearn's <c>gamma='scale'</c>:
    /// 1 / (F · Var(X)), the variance over all N·F training values (1 when that variance is 0).
    /// </summary>
    public double? Gamma { get; init; }

    /// <summary>Polynomial degree (≥ 1).</summary>
    public int Degree { get; init; } = 3;

    /// <summary>r in the polynomial and sigmoid kernels (sklearn's <c>coef0</c>).</summary>
    public double Coef0 { get; init; }

    /// <summary>Stopping tolerance ε on the maximal KKT violation (LIBSVM's <c>-e</c>, sklearn's <c>tol</c>).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>LIBSVM's shrinking heuristic.</summary>
    public bool Shrinking { get; init; } = true;

    /// <summary>
    /// Kernel-row cache in MiB, shared by the binary problems solved concurrently (each gets
    /// CacheSizeMb / parallelism). LIBSVM's and sklearn's default is 200 per problem.
    /// </summary>
    public int CacheSizeMb { get; init; } = 200;

    /// <summary>
    /// Calibrated probabilities as sklearn's <c>probability=True</c>: for every class pair, LIBSVM's
    /// internal 5-fold cross-validation gives out-of-fold decision values to which Platt's sigmoid is
    /// fitted (about 5× the training time), then pairwise coupling (Wu, Lin &amp; Weng 2004). When false,
    /// <see cref="SvmClassifier.Predict"/> still fills probabilities, coupling the uncalibrated pairwise
    /// estimates 1 / (1 + exp(−f_ij)) of the decision values — monotone in the decisions and cheap, but
    /// not calibrated.
    /// </summary>
    public bool Probability { get; init; }

    /// <summary>Seed of the cross-validation shuffles used when <see cref="Probability"/> is true.</summary>
    public int Seed { get; init; }

    /// <summary>Optional per-class weights w_k (length K, ≥ 0): C_k = C·w_k. See <see cref="Learning.ClassWeights"/>.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Binary problems solved concurrently; −1 (default) uses every core. The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
