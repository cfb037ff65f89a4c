using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>A named way to fit a classifier on standardised feature rows.</summary>
/// <param name="Name">Name in reports and on the command line (e.g. "lda").</param>
/// <param name="Fit">Fits on a training set whose labels are 0..ClassCount-1 with every class present.</param>
public sealed record ClassifierSpec(string Name, Func<TrainingSet, CancellationToken, IClassifier> Fit)
{
    /// <summary>Linear discriminant analysis (least squares solver, priors from class frequencies).</summary>
    public static ClassifierSpec Lda { get; } = new("lda", (t, _) => Learning.Lda.Fit(t.X, t.Labels, new LdaOptions { ClassCount = t.ClassCount }));

    /// <summary>Support vector machine, RBF kernel, C = 10, gamma = 'scale', one-vs-one; probabilities by coupling of decision values.</summary>
    public static ClassifierSpec Svm { get; } = new("svm", (t, ct) => Learning.Svm.Fit(t.X, t.Labels, new SvmOptions { ClassCount = t.ClassCount, C = 10, Seed = t.Seed }, ct));

    /// <summary>Linear SVM, C = 1.</summary>
    public static ClassifierSpec LinearSvm { get; } = new("svm-linear", (t, ct) => Learning.Svm.Fit(t.X, t.Labels, new SvmOptions { ClassCount = t.ClassCount, Kernel = SvmKernel.Linear, C = 1, Seed = t.Seed }, ct));

    /// <summary>Quadratic discriminant analysis with a small covariance regularisation (0.01) for stability.</summary>
    public static ClassifierSpec Qda { get; } = new("qda", (t, _) => Learning.Qda.Fit(t.X, t.Labels, new QdaOptions { ClassCount = t.ClassCount, RegParam = 0.01 }));

    /// <summary>k-nearest neighbours, k = 5, distance-weighted.</summary>
    public static ClassifierSpec Knn { get; } = new("knn", (t, _) => Learning.Knn.Fit(t.X, t.Labels, new KnnOptions { ClassCount = t.ClassCount, Neighbors = 5, Weights = KnnWeights.Distance }));

    /// <summary>Random forest, 100 trees, √F features per split, seeded.</summary>
    public static ClassifierSpec RandomForest { get; } = new("rf", (t, ct) => Learning.RandomForest.Fit(t.X, t.Labels, new RandomForestOptions { ClassCount = t.ClassCount, Seed = t.Seed }, ct));

    /// <summary>Gaussian naive Bayes.</summary>
    public static ClassifierSpec NaiveBayes { get; } = new("nb", (t, _) => GaussianNaiveBayes.Fit(t.X, t.Labels, new GaussianNaiveBayesOptions { ClassCount = t.ClassCount }));

    /// <summary>The classifiers available by name.</summary>
    public static IReadOnlyList<ClassifierSpec> All { get; } = [Lda, Svm, LinearSvm, Qda, Knn, RandomForest, NaiveBayes];

    /// <summary>
    /// Resolves a comma-separated list of names. A name may carry the balanced-subset ensemble suffix
    /// <c>+ensemble[:K][:vote|:best]</c> (e.g. <c>lda+ensemble:8:vote</c>), see <see cref="BalancedSubsetEnsemble"/>.
    /// </summary>
    public static IReadOnlyList<ClassifierSpec> ParseList(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    private static ClassifierSpec Parse(string name)
    {
        var parts = name.Split('+', 2);
        var baseSpec = All.FirstOrDefault(s => s.Name.Equals(parts[0], StringComparison.OrdinalIgnoreCase))
            ?? throw new SemgException($"unknown model '{parts[0]}' (available: {string.Join(", ", All.Select(s => s.Name))}; add +ensemble[:K][:vote|:best] for the balanced-subset ensemble)");
        return parts.Length == 1 ? baseSpec : BalancedSubsetEnsemble.Parse(baseSpec, parts[1]);
    }
}
