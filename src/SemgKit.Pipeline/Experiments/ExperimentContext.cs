using System.Collections.Concurrent;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Experiments;

/// <summary>
/// What a recipe plans with: the data (the user's <c>--data</c>, else the recipe's public dataset under the data root,
/// else a synthetic stand-in of the same layout, said in the notes), quick mode, the seed and training threads.
/// Datasets are opened once and shared between runs.
/// </summary>
public sealed class ExperimentContext
{
    private readonly DatasetCatalog _catalog;
    private readonly ConcurrentDictionary<string, Dataset> _opened = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notes = [];

    /// <param name="data">A dataset path or name every run uses instead of the recipe's own (null: the recipe's).</param>
    /// <param name="quick">Small and fast: a few subjects, a few epochs (the CI smoke test).</param>
    /// <param name="models">Models every run compares instead of its own (comma-separated, as <see cref="ClassifierSpec.ParseList"/>; networks train with the run's settings); null: the recipe's.</param>
    public ExperimentContext(DatasetCatalog catalog, string? data, bool quick, int seed, int threads, string? models = null)
    {
        _catalog = catalog;
        DataOverride = data;
        ModelsOverride = models is null ? null : ClassifierSpec.ParseList(models).Count > 0 ? models : throw new SemgException("--models: name at least one model");
        Quick = quick;
        Seed = seed;
        Threads = threads;
    }

    public string? DataOverride { get; }

    /// <summary>The models that replace every run's own, or null.</summary>
    public string? ModelsOverride { get; }

    public bool Quick { get; }

    public int Seed { get; }

    public int Threads { get; }

    /// <summary>Subjects kept per population group in quick mode.</summary>
    public const int QuickSubjects = 3;

    /// <summary>What the context had to decide (stand-ins, subsets), for the report.</summary>
    public IReadOnlyList<string> Notes
    {
        get { lock (_notes) return [.. _notes]; }
    }

    /// <summary>Adds a note for the report (once).</summary>
    public void Note(string note)
    {
        lock (_notes)
        {
            if (!_notes.Contains(note)) _notes.Add(note);
        }
    }

    /// <summary>True when <paramref name="name"/> is neither overridden by <see cref="DataOverride"/> nor under the data root.</summary>
    public bool IsStandIn(string name) =>
        DataOverride is null && !_catalog.Available().Any(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The dataset of a run: <see cref="DataOverride"/> if set, else <paramref name="name"/> from the data root, else a
    /// synthetic stand-in made with <paramref name="standIn"/>; then <paramref name="select"/> (a view such as "the paper's
    /// subjects", cached under <paramref name="view"/>); in quick mode only the first <see cref="QuickSubjects"/> subjects of each population group.
    /// </summary>
    public Dataset Open(string name, SyntheticEmgOptions standIn, CancellationToken cancellationToken, string view = "all", Func<Dataset, Dataset>? select = null)
    {
        string key = DataOverride ?? name;
        var source = _opened.GetOrAdd(key, _ =>
        {
            if (DataOverride is not null) return _catalog.Open(DataOverride, null, cancellationToken);
            if (!IsStandIn(name)) return _catalog.Open(name, null, cancellationToken);
            Note($"{name} is not under the data root ({_catalog.DataRootPath ?? "none set"}): its runs use a synthetic stand-in with the same layout ({standIn.ChannelCount} channels at {standIn.SampleRateHz:0} Hz, {standIn.ClassCount} classes), so their figures are not the paper's");
            return SyntheticEmg.Generate(standIn with { Name = name + " (synthetic stand-in)" }, Seed, cancellationToken);
        });
        return _opened.GetOrAdd(key + "|" + view, _ =>
        {
            var dataset = select is null ? source : select(source);
            if (Quick)
            {
                // the first subjects of every population group, so group comparisons keep both sides
                var keep = dataset.Recordings.GroupBy(r => r.Metadata.Group ?? "")
                    .SelectMany(g => g.Select(r => r.Metadata.Subject).Distinct().Take(QuickSubjects))
                    .ToHashSet(StringComparer.Ordinal);
                if (keep.Count < dataset.Subjects.Count)
                {
                    Note($"quick mode: {dataset.Name} ({view}) reduced to its first {keep.Count} subjects ({string.Join(", ", keep)})");
                    dataset = dataset.Where(r => keep.Contains(r.Metadata.Subject));
                }
            }
            return dataset;
        });
    }

    /// <summary>
    /// Network training for a run: <paramref name="epochs"/> (2 in quick mode), this context's threads; <paramref name="validation"/>
    /// of the training recordings (stratified by class) monitor early stopping, none by default (train all epochs);
    /// <paramref name="populationEpochs"/> train a <c>+population</c> model's pooled network (2 in quick mode).
    /// </summary>
    public NetworkTrainingOptions Network(int epochs, bool pretrain = false, double validation = 0, int batchSize = 64, double learningRate = 1e-3, int populationEpochs = 30) => new NetworkTrainingOptions
    {
        Epochs = Quick ? 2 : epochs,
        PopulationEpochs = Quick ? 2 : populationEpochs,
        BatchSize = batchSize,
        LearningRate = learningRate,
        ValidationFraction = validation,
        Patience = Quick || validation == 0 ? 0 : Math.Max(5, epochs / 3),
        Pretrain = pretrain,
        PretrainEpochs = Quick ? 1 : 5,
        Threads = Threads,
    }.Validated();

    /// <summary>
    /// The models named in <paramref name="names"/> (comma-separated, modifiers allowed), or <see cref="ModelsOverride"/>
    /// when set; networks trained as <see cref="Network"/> says.
    /// </summary>
    public IReadOnlyList<ClassifierSpec> Models(string names, int epochs, bool pretrain = false, double validation = 0, int batchSize = 64, double learningRate = 1e-3, int populationEpochs = 30) =>
        ClassifierSpec.ParseList(ModelsOverride ?? names, Network(epochs, pretrain, validation, batchSize, learningRate, populationEpochs));
}
