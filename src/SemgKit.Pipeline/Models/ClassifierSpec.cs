using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>A named way to fit a classifier on standardised feature rows.</summary>
/// <param name="Name">Name in reports and on the command line (e.g. "lda").</param>
/// <param name="Fit">Fits on a training set whose labels are 0..ClassCount-1 with every class present.</param>
public sealed record ClassifierSpec(string Name, Func<TrainingSet, CancellationToken, IClassifier> Fit)
{
    /// <summary>Linear discriminant analysis (least squares solver, priors from class frequencies).</summary>
    public static ClassifierSpec Lda { get; } = new("lda", (t, _) => Learning.Lda.Fit(t.X, t.Labels, new LdaOptions { ClassCount = t.ClassCount }));

    /// <summary>The classifiers available by name.</summary>
    public static IReadOnlyList<ClassifierSpec> All { get; } = [Lda];

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
