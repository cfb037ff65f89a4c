using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>A named way to fit a classifier on standardised feature rows.</summary>
/// <param name="Name">Name in reports and on the command line (e.g. "lda").</param>
/// <param name="Fit">Fits on (rows, labels in 0..classCount-1, classCount); every class has at least one row.</param>
public sealed record ClassifierSpec(string Name, Func<FeatureMatrix, int[], int, CancellationToken, IClassifier> Fit)
{
    /// <summary>Linear discriminant analysis (least squares solver, priors from class frequencies).</summary>
    public static ClassifierSpec Lda { get; } = new("lda", (x, y, k, _) => Learning.Lda.Fit(x, y, new LdaOptions { ClassCount = k }));

    /// <summary>The classifiers available by name.</summary>
    public static IReadOnlyList<ClassifierSpec> All { get; } = [Lda];

    /// <summary>Resolves a comma-separated list of names.</summary>
    public static IReadOnlyList<ClassifierSpec> ParseList(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => All.FirstOrDefault(s => s.Name.Equals(n, StringComparison.OrdinalIgnoreCase))
                         ?? throw new SemgException($"unknown model '{n}' (available: {string.Join(", ", All.Select(s => s.Name))})"))
            .ToArray();
}
