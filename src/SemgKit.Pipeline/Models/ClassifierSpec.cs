using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>A named way to fit a classifier on standardised window rows (feature rows, or a network's input).</summary>
/// <param name="Name">Name in reports and on the command line (e.g. "lda", "cnn1d").</param>
/// <param name="Fit">Fits on a training set whose labels are 0..ClassCount-1 with every class present.</param>
public sealed record ClassifierSpec(string Name, Func<TrainingSet, CancellationToken, IClassifier> Fit)
{
    /// <summary>The window input this learner needs (networks: their architecture's); null = the pipeline's (feature rows by default).</summary>
    public Encoders.WindowInput? Input { get; init; }

    /// <summary>The signal path this learner is trained and run with: <paramref name="pipeline"/> with this learner's input, if it needs one.</summary>
    public Encoders.FeatureEncoderOptions EncoderFor(Encoders.FeatureEncoderOptions pipeline) =>
        Input is { } input && input != pipeline.Input ? pipeline with { Input = input } : pipeline;

    /// <summary>
    /// Threads one training run uses (networks: their options'; classic learners 1). An evaluation with several folds trains
    /// up to this many folds side by side, one thread each (<see cref="TrainingSet.Threads"/>), which keeps both cores busy
    /// where one network's small mini-batches cannot; training is bit-identical for any thread count, so results do not change.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// The learner of the population model (the <c>+population</c> modifier of a network; null = none). An evaluation fits it
    /// once on the pooled training recordings of every fold, and each fold's model starts from it
    /// (<see cref="TrainingSet.Population"/>): the fold's network is fine-tuned from the population network's weights, on the
    /// population's standardisation. Only for splits whose folds never test a recording that another fold trains on (e.g.
    /// repetition): the population then sees none of any fold's test data.
    /// </summary>
    public ClassifierSpec? Population { get; init; }

    /// <summary>A <see cref="Neural.Models.ModelZoo"/> network trained with <paramref name="options"/>.</summary>
    public static ClassifierSpec Network(string architecture, NetworkTrainingOptions options)
    {
        string name = Neural.Models.ModelZoo.Get(architecture).Name;
        return new ClassifierSpec(name, (t, ct) => NetworkClassifier.Fit(name, t, t.Threads > 0 ? options with { Threads = t.Threads } : options, ct))
        {
            Input = NetworkClassifier.InputOf(name),
            Threads = Math.Max(1, options.Threads),
        };
    }

    /// <summary>Linear discriminant analysis (least squares solver, priors from class frequencies).</summary>
    public static ClassifierSpec Lda { get; } = LdaWith(LdaShrinkage.None, "lda");

    /// <summary>LDA with covariance <paramref name="shrinkage"/> (e.g. Ledoit-Wolf, "lda:auto": steadier with many correlated features).</summary>
    public static ClassifierSpec LdaWith(LdaShrinkage shrinkage, string name) =>
        new(name, (t, _) => Learning.Lda.Fit(t.X, t.Labels, new LdaOptions { ClassCount = t.ClassCount, Shrinkage = shrinkage }));

    /// <summary>Support vector machine, RBF kernel, C = 10, gamma = 'scale', one-vs-one; probabilities by coupling of decision values.</summary>
    public static ClassifierSpec Svm { get; } = RbfSvm(10, "svm");

    /// <summary>Linear SVM, C = 1.</summary>
    public static ClassifierSpec LinearSvm { get; } = LinearSvmWith(1, "svm-linear");

    /// <summary>The RBF SVM with box constraint <paramref name="c"/> (named e.g. "svm:1").</summary>
    public static ClassifierSpec RbfSvm(double c, string name) =>
        new(name, (t, ct) => Learning.Svm.Fit(t.X, t.Labels, new SvmOptions { ClassCount = t.ClassCount, C = c, Seed = t.Seed, ClassWeights = t.ClassWeights }, ct));

    /// <summary>The linear SVM with box constraint <paramref name="c"/>.</summary>
    public static ClassifierSpec LinearSvmWith(double c, string name) =>
        new(name, (t, ct) => Learning.Svm.Fit(t.X, t.Labels, new SvmOptions { ClassCount = t.ClassCount, Kernel = SvmKernel.Linear, C = c, Seed = t.Seed, ClassWeights = t.ClassWeights }, ct));

    /// <summary>Quadratic discriminant analysis with a small covariance regularisation (0.01) for stability.</summary>
    public static ClassifierSpec Qda { get; } = new("qda", (t, _) => Learning.Qda.Fit(t.X, t.Labels, new QdaOptions { ClassCount = t.ClassCount, RegParam = 0.01 }));

    /// <summary>k-nearest neighbours, k = 5, distance-weighted.</summary>
    public static ClassifierSpec Knn { get; } = KnnWith(5, "knn");

    /// <summary>Distance-weighted k-nearest neighbours with <paramref name="k"/> neighbours.</summary>
    public static ClassifierSpec KnnWith(int k, string name) =>
        new(name, (t, _) => Learning.Knn.Fit(t.X, t.Labels, new KnnOptions { ClassCount = t.ClassCount, Neighbors = k, Weights = KnnWeights.Distance }));

    /// <summary>Random forest, 100 trees, √F features per split, seeded.</summary>
    public static ClassifierSpec RandomForest { get; } = RandomForestWith(100, "rf");

    /// <summary>A random forest of <paramref name="trees"/> trees.</summary>
    public static ClassifierSpec RandomForestWith(int trees, string name) =>
        new(name, (t, ct) => Learning.RandomForest.Fit(t.X, t.Labels, new RandomForestOptions { ClassCount = t.ClassCount, Trees = trees, Seed = t.Seed, ClassWeights = t.ClassWeights }, ct));

    /// <summary>Gaussian naive Bayes.</summary>
    public static ClassifierSpec NaiveBayes { get; } = new("nb", (t, _) => GaussianNaiveBayes.Fit(t.X, t.Labels, new GaussianNaiveBayesOptions { ClassCount = t.ClassCount }));

    /// <summary>The classifiers available by name.</summary>
    public static IReadOnlyList<ClassifierSpec> All { get; } = [Lda, Svm, LinearSvm, Qda, Knn, RandomForest, NaiveBayes];

    /// <summary>Every name <see cref="ParseList"/> accepts before modifiers: the classic learners, then the networks.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name).Concat(Neural.Models.ModelZoo.Names);

    /// <summary>
    /// Resolves a comma-separated list of names: classic learners (<see cref="All"/>) and <see cref="Neural.Models.ModelZoo"/>
    /// networks (trained with <paramref name="network"/>, default options when null). A classic learner may carry its main
    /// hyper-parameter after a colon: <c>svm:C</c>, <c>svm-linear:C</c>, <c>knn:k</c>, <c>rf:trees</c>, <c>lda:S</c> with a covariance
    /// shrinkage S in [0, 1] or <c>lda:auto</c> (Ledoit-Wolf) (e.g. <c>svm:1</c>). A name may carry modifiers:
    /// <c>+balanced</c> (class weights n/(K·n_k), for svm, svm-linear, rf and networks), <c>+pretrain</c> (networks: layer-wise
    /// autoencoder pre-training of the conv layers before training, as <c>--pretrain</c>) and the balanced-subset ensemble
    /// <c>+ensemble[:K][:vote|:best]</c> (e.g. <c>svm+balanced</c>, <c>light-cnn+ensemble:8:vote</c>), see <see cref="BalancedSubsetEnsemble"/>,
    /// and <c>+population</c> (networks: fine-tuned per fold from one network trained on every fold's training recordings,
    /// see <see cref="Population"/>; with <c>+pretrain</c> the population network is the one pre-trained, with <c>+balanced</c> both
    /// stages weight the classes of their own training rows).
    /// </summary>
    public static IReadOnlyList<ClassifierSpec> ParseList(string names, NetworkTrainingOptions? network = null) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => Parse(n, network ?? new NetworkTrainingOptions())).ToArray();

    /// <summary>Classic learners that honour per-class weights (the <c>+balanced</c> modifier); networks all do.</summary>
    private static readonly string[] Weighted = ["svm", "svm-linear", "rf"];

    private static ClassifierSpec Parse(string name, NetworkTrainingOptions network)
    {
        var parts = name.Split('+');
        var head = parts[0].Split(':', 2, StringSplitOptions.TrimEntries);
        if (head.Length == 2)
            parts[0] = head[0];
        bool isNetwork = NetworkClassifier.IsArchitecture(parts[0]);
        bool pretrain = parts.Skip(1).Contains("pretrain", StringComparer.OrdinalIgnoreCase);
        if (pretrain && !isNetwork)
            throw new SemgException($"'{parts[0]}' is not a network: +pretrain (layer-wise autoencoder pre-training) works with {string.Join(", ", Neural.Models.ModelZoo.Names)}");
        bool population = parts.Skip(1).Contains("population", StringComparer.OrdinalIgnoreCase);
        if (population && !isNetwork)
            throw new SemgException($"'{parts[0]}' is not a network: +population (fine-tuning from a population network) works with {string.Join(", ", Neural.Models.ModelZoo.Names)}");
        if (population && parts.Skip(1).Any(m => m.StartsWith("ensemble", StringComparison.OrdinalIgnoreCase)))
            throw new SemgException($"model '{name}': +population and +ensemble do not combine (an ensemble trains its members on subsets)");
        var spec = isNetwork
            ? Network(parts[0], pretrain ? network with { Pretrain = true } : network)
            : All.FirstOrDefault(s => s.Name.Equals(parts[0], StringComparison.OrdinalIgnoreCase))
              ?? throw new SemgException($"unknown model '{parts[0]}' (available: {string.Join(", ", Names)}; modifiers: +balanced, +pretrain, +population, +ensemble[:K][:vote|:best])");
        if (head.Length == 2) spec = WithParameter(spec.Name, head[1]);
        if (pretrain) spec = spec with { Name = spec.Name + "+pretrain" };
        foreach (var modifier in parts.Skip(1))
        {
            if (modifier.Equals("pretrain", StringComparison.OrdinalIgnoreCase) || modifier.Equals("population", StringComparison.OrdinalIgnoreCase)) continue;
            if (modifier.Equals("balanced", StringComparison.OrdinalIgnoreCase))
            {
                if (!isNetwork && !Weighted.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
                    throw new SemgException($"'{parts[0]}' does not take class weights (+balanced works with {string.Join(", ", Weighted)} and the networks)");
                spec = Balanced(spec);
            }
            else
            {
                spec = BalancedSubsetEnsemble.Parse(spec, modifier);
            }
        }
        if (population)
        {
            // the pooled network is trained as the fine-tuning is: with +balanced, both weight the classes of their own recordings
            var options = network with { Pretrain = pretrain, Epochs = network.PopulationEpochs, BatchSize = network.PopulationBatchSize };
            var pooled = Network(parts[0], options);
            if (parts.Skip(1).Contains("balanced", StringComparer.OrdinalIgnoreCase)) pooled = Balanced(pooled);
            spec = spec with { Name = spec.Name + "+population", Population = pooled };
        }
        return spec;
    }

    /// <summary><paramref name="inner"/> fitted with class weights inversely proportional to each class's training count.</summary>
    private static ClassifierSpec Balanced(ClassifierSpec inner) =>
        inner with { Name = inner.Name + "+balanced", Fit = (t, ct) => inner.Fit(t with { ClassWeights = ClassWeights.Balanced(t.Labels, t.ClassCount) }, ct) };

    /// <summary>Learner <paramref name="learner"/> with its main hyper-parameter set to <paramref name="text"/> (svm, svm-linear: C; knn: k; rf: trees; lda: shrinkage).</summary>
    private static ClassifierSpec WithParameter(string learner, string text)
    {
        string name = $"{learner}:{text}";
        if (learner == "lda" && text.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return LdaWith(LdaShrinkage.Auto, "lda:auto");
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
            throw new SemgException($"model '{name}': the parameter must be a positive number");
        int Whole() => value == Math.Floor(value) && value <= 100_000 ? (int)value : throw new SemgException($"model '{name}': the parameter must be a whole number");
        return learner switch
        {
            "svm" => RbfSvm(value, name),
            "svm-linear" => LinearSvmWith(value, name),
            "knn" => KnnWith(Whole(), name),
            "rf" => RandomForestWith(Whole(), name),
            "lda" when value <= 1 => LdaWith(LdaShrinkage.Fixed(value), name),
            "lda" => throw new SemgException($"model '{name}': the LDA shrinkage must be in [0, 1] or 'auto'"),
            _ => throw new SemgException($"model '{name}': {learner} takes no parameter (svm:C, svm-linear:C, knn:k, rf:trees and lda:S|auto do)"),
        };
    }
}
