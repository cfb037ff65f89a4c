namespace SemgKit.Learning;

/// <summary>Options for <see cref="Knn.Fit"/>; the defaults are scikit-learn's <c>KNeighborsClassifier()</c>.</summary>
public sealed record KnnOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) needs at least one sample.</summary>
    public int? ClassCount { get; init; }

    /// <summary>k ≥ 1, at most N: the number of neighbours.</summary>
    public int Neighbors { get; init; } = 5;

    /// <summary>Vote weighting.</summary>
    public KnnWeights Weights { get; init; } = KnnWeights.Uniform;
}
