using SemgKit.Learning.Trees;

namespace SemgKit.Learning;

/// <summary>
/// A random forest of CART trees with the Gini impurity, in the manner of scikit-learn's
/// <c>RandomForestClassifier</c> (bootstrap samples, max_features = √F by default, probabilities = mean of
/// the trees' leaf class frequencies, prediction = their first arg-max). Not bit-identical to sklearn (its
/// random streams differ); accuracy is comparable. Trees are fitted in parallel, each from its own seeded
/// generator, so a seed gives the same forest on any number of cores. Honours class weights.
/// </summary>
public static class RandomForest
{
    /// <summary>Fits a forest on rows <paramref name="x"/> (N × F) with labels <paramref name="y"/> (N, in [0, K)).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, K &lt; 2, a class has no samples,
    /// a value is not finite, or an option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static RandomForestClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, RandomForestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RandomForestOptions();
        var (k, _) = TrainingData.Check("Random forest", x, y, options.ClassCount);
        var weights = TrainingData.Weights(options.ClassWeights, k);
        var f = x.FeatureCount;
        if (options.Trees < 1)
            throw new ArgumentException($"Trees = {options.Trees} must be at least 1.", nameof(options));
        if (options.MaxDepth is < 0)
            throw new ArgumentException($"MaxDepth = {options.MaxDepth} must be non-negative.", nameof(options));
        if (options.MinSamplesLeaf < 1)
            throw new ArgumentException($"MinSamplesLeaf = {options.MinSamplesLeaf} must be at least 1.", nameof(options));
        var maxFeatures = options.MaxFeatures ?? Math.Max(1, (int)Math.Sqrt(f));
        if (maxFeatures < 1 || maxFeatures > f)
            throw new ArgumentException($"MaxFeatures = {maxFeatures} must be in [1, F = {f}].", nameof(options));
        var data = x.Data.ToArray();
        var labels = y.ToArray();
        var maxDepth = options.MaxDepth ?? int.MaxValue;
        var trees = new CartTree[options.Trees];
        var parallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        Parallel.For(0, options.Trees, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, t =>
        {
            var rng = new Random(TreeSeed(options.Seed, t));
            trees[t] = CartBuilder.Build(data, f, labels, k, weights, maxDepth, options.MinSamplesLeaf, maxFeatures, options.Bootstrap, rng);
        });
        return RandomForestClassifier.FromTrees(trees, k, f);
    }

    /// <summary>SplitMix64 of (seed, tree index), folded to a non-negative int.</summary>
    private static int TreeSeed(int seed, int tree)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)tree + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
