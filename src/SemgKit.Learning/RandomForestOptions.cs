namespace SemgKit.Learning;

/// <summary>Options for <see cref="RandomForest.Fit"/>; the defaults are scikit-learn's <c>RandomForestClassifier()</c>.</summary>
public sealed record RandomForestOptions
{
    /// <summary>K; null means (largest label + 1). Every class in [0, K) needs at least one sample.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Number of trees (sklearn's <c>n_estimators</c>).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Maximum depth (root = 0); null grows until leaves are pure or too small.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Minimum number of (distinct, in-bag) training rows in a leaf.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Features tried per split; null is sklearn's <c>'sqrt'</c>: max(1, ⌊√F⌋).</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Train each tree on a bootstrap sample (N draws with replacement; the draw counts become sample weights).</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Seed: tree t uses its own generator derived from (Seed, t), so the forest does not depend on the thread count.</summary>
    public int Seed { get; init; }

    /// <summary>Optional per-class weights (length K, ≥ 0) multiplying the sample weights. See <see cref="Learning.ClassWeights"/>.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Trees fitted concurrently; −1 (default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
