using System.Collections.Concurrent;
using System.Diagnostics;
using SemgKit.Learning;
using SemgKit.Learning.Metrics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// Feature-based evaluation: per fold, encode training and test recordings, fit each model on the training windows
/// (standardisation fitted inside the fold), predict the test windows, and pool the metrics over folds.
/// </summary>
public static class FeatureEvaluation
{
    public static EvaluationResults Run(FeatureEvaluationRequest request, IProgress<(int Done, int Total, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var dataset = request.Dataset;
        int classCount = dataset.ClassNames.Count;
        if (dataset.Recordings.Count == 0)
            throw new SemgException($"dataset '{dataset.Name}' has no recordings");
        if (request.Models.Count == 0)
            throw new SemgException("no models to evaluate");
        RequireEveryClass(dataset);

        var folds = Splits.Create(dataset, request.Split, request.Seed);
        var populationModels = request.Models.Where(m => m.Population is not null).ToArray();
        bool anyPopulation = populationModels.Length > 0;
        if (anyPopulation) RequireTestsOutsideEveryTraining(folds, request, populationModels);
        var notes = new List<string>(dataset.Notes);
        if (request.Training is { } training)
        {
            folds = folds.Select(f => f with { Train = training.Apply(f.Train, f.Train) }).ToArray();
            notes.Add(training.Description);
        }
        if (request.Test is { } testing)
        {
            folds = folds.Select(f => f with { Test = testing.Apply(f.Test, f.Train) }).ToArray();
            notes.Add(testing.Description);
        }
        // one encoding per distinct input (feature rows for classic learners, raw windows, spectrograms, ... for networks)
        var inputs = request.Models.Select(m => m.EncoderFor(request.Encoder)).Distinct().ToArray();
        // +population models: one network on every fold's training recordings (checked never to be a fold's test recordings)
        Recording[]? pooled = anyPopulation ? [.. folds.SelectMany(f => f.Train).Distinct<Recording>(ReferenceEqualityComparer.Instance)] : null;
        int total = folds.Count * (inputs.Length + request.Models.Count) + populationModels.Length;
        var encodings = new Dictionary<FeatureEncoderOptions, (FeatureWindowEncoder Encoder, List<(EvaluationFold Fold, WindowedFeatures Train, WindowedFeatures Test)> Folds, WindowedFeatures? Pooled)>();
        int step = 0;
        foreach (var options in inputs)
        {
            var encoder = new FeatureWindowEncoder(options, dataset.SampleRateHz, dataset.ChannelCount, classCount);
            var encoded = new List<(EvaluationFold Fold, WindowedFeatures Train, WindowedFeatures Test)>();
            var cache = new ConcurrentDictionary<Recording, WindowedFeatures>(ReferenceEqualityComparer.Instance);
            string what = inputs.Length > 1 ? $" ({WindowRepresentation.Describe(options.Input)})" : "";
            foreach (var fold in folds)
            {
                progress?.Report((step++, total, $"encoding {fold.Name}{what}"));
                var train = encoder.EncodeAll(fold.Train, cancellationToken, cache: cache);
                var test = encoder.EncodeAll(fold.Test, cancellationToken, cache: cache);
                if (train.Count == 0 || test.Count == 0)
                    AddNote(notes, $"fold {fold.Name} skipped: {train.Count} training and {test.Count} test windows");
                else if (train.Labels.Distinct().Count() < 2)
                    AddNote(notes, $"fold {fold.Name} skipped: its training windows hold only one class ({dataset.ClassNames[train.Labels[0]]})");
                else
                    encoded.Add((fold, train, test));
            }
            if (encoded.Count == 0)
                throw new SemgException($"no fold has both training and test windows (windows of {request.Encoder.WindowMs} ms need recordings longer than that plus {request.Encoder.WarmupMs} ms warm-up)");
            bool needsPooled = pooled is not null && populationModels.Any(m => m.EncoderFor(request.Encoder) == options);
            encodings[options] = (encoder, encoded, needsPooled ? encoder.EncodeAll(pooled!, cancellationToken, cache: cache) : null);
        }

        var models = new List<ModelResult>();
        int restClass = dataset.RestClassIndex;
        foreach (var spec in request.Models)
        {
            var truth = new List<int>();
            var predicted = new List<int>();
            var scores = new List<float>();
            var foldResults = new List<FoldResult>();
            var histories = new List<IReadOnlyList<EpochResult>>();
            var votes = new RecordingVotes();
            double trainSeconds = 0, predictSeconds = 0;
            var (encoder, encoded, pooledWindows) = encodings[spec.EncoderFor(request.Encoder)];
            StandardizedClassifier? population = null;
            if (spec.Population is { } populationSpec)
            {
                progress?.Report((step++, total, $"{spec.Name}: population model on {pooled!.Length} training recordings"));
                var populationClock = Stopwatch.StartNew();
                population = StandardizedClassifier.Fit(populationSpec, TrainingSetOf(pooledWindows!, pooled!, encoder, request.Seed), cancellationToken);
                trainSeconds += populationClock.Elapsed.TotalSeconds;
            }
            // Folds train side by side, one thread each, in groups of spec.Threads (bit-identical to one fold at a time on
            // spec.Threads threads); each group's models then predict one after another, so the timing is not shared.
            int workers = Math.Clamp(spec.Threads, 1, encoded.Count);
            for (int g0 = 0; g0 < encoded.Count; g0 += workers)
            {
                int groupSize = Math.Min(workers, encoded.Count - g0);
                for (int j = 0; j < groupSize; j++) progress?.Report((step++, total, $"{spec.Name} on {encoded[g0 + j].Fold.Name}"));
                cancellationToken.ThrowIfCancellationRequested();
                var fitted = OrderedParallel.Map(groupSize, j =>
                {
                    var (fold, train, _) = encoded[g0 + j];
                    var fitClock = Stopwatch.StartNew();
                    var set = TrainingSetOf(train, fold.Train, encoder, request.Seed) with { Threads = groupSize > 1 ? 1 : 0, Population = population };
                    return (Model: StandardizedClassifier.Fit(spec, set, cancellationToken), Seconds: fitClock.Elapsed.TotalSeconds);
                }, cancellationToken, maxDegreeOfParallelism: groupSize);
                for (int j = 0; j < groupSize; j++)
                {
                    var (fold, train, test) = encoded[g0 + j];
                    var model = fitted[j].Model;
                    trainSeconds += fitted[j].Seconds;
                    histories.Add(TrainingCurves.Of(model));

                    var foldPredictions = new int[test.Count];
                    var foldScores = new float[test.Count * classCount];
                    for (int i = 0; i < Math.Min(test.Count, 64); i++) // warm up (JIT tiers) so the timing is of steady-state prediction
                        model.Predict(test.Rows.AsSpan(i * test.FeatureCount, test.FeatureCount), foldScores.AsSpan(i * classCount, classCount));
                    var predictClock = Stopwatch.StartNew();
                    for (int i = 0; i < test.Count; i++)
                        foldPredictions[i] = model.Predict(test.Rows.AsSpan(i * test.FeatureCount, test.FeatureCount), foldScores.AsSpan(i * classCount, classCount));
                    predictSeconds += predictClock.Elapsed.TotalSeconds;
                    scores.AddRange(foldScores);

                    var foldReport = ClassificationMetrics.Compute(test.Labels, foldPredictions, classCount);
                    foldResults.Add(new FoldResult(fold.Name, foldReport.Accuracy, foldReport.MacroF1, test.Count));
                    truth.AddRange(test.Labels);
                    predicted.AddRange(foldPredictions);
                    votes.Add(test, foldPredictions, fold.Test, classCount);
                }
            }
            models.Add(ToModelResult(spec.Name, truth.ToArray(), predicted.ToArray(), scores.ToArray(), dataset.ClassNames, restClass, foldResults, trainSeconds, predictSeconds * 1e6 / Math.Max(1, truth.Count))
                with { History = TrainingCurves.Mean(histories), RecordingVoteAccuracy = votes.Accuracy, SmoothedAccuracy = votes.SmoothedAccuracy, GroupAccuracy = votes.GroupAccuracy() });
        }
        progress?.Report((total, total, "done"));
        var (first, firstFolds, _) = encodings[inputs[0]];

        return new EvaluationResults
        {
            Command = request.Command,
            Seed = request.Seed,
            Dataset = Describe(dataset),
            Split = new SplitDescription(
                request.Split.Name,
                request.Split.Describe(),
                firstFolds.Count,
                firstFolds.Sum(e => e.Train.Count),
                firstFolds.Sum(e => e.Test.Count)),
            Pipeline = new PipelineDescription(
                request.Encoder.DescribeFilter(dataset.SampleRateHz),
                request.Encoder.WindowMs,
                request.Encoder.StepMs,
                inputs.SelectMany(o => encodings[o].Encoder.Representation.Codes).Distinct().ToArray(),
                first.FeatureCount),
            Models = models,
            Notes = notes,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// The population model trains on every fold's training recordings (each once, in fold order): refused, before the
    /// folds' recordings are changed, when a recording that one fold tests trains another (leave one subject out, k-fold).
    /// </summary>
    private static void RequireTestsOutsideEveryTraining(IReadOnlyList<EvaluationFold> folds, FeatureEvaluationRequest request, IEnumerable<ClassifierSpec> populationModels)
    {
        var tested = new HashSet<Recording>(folds.SelectMany(f => f.Test), ReferenceEqualityComparer.Instance);
        var shared = folds.SelectMany(f => f.Train).FirstOrDefault(r => tested.Contains(r));
        if (shared is null) return;
        string models = string.Join(", ", populationModels.Select(m => m.Name));
        throw new SemgException($"{models}: +population trains one network on every fold's training recordings, but under split '{request.Split.Name}' {shared.Metadata.Source} trains one fold and tests another; use a split whose folds keep their test recordings out of every fold's training (repetition, half, sessions)");
    }

    /// <summary>The training set of encoded windows, with each row's group and recording, and the rows' shape for networks.</summary>
    internal static TrainingSet TrainingSetOf(WindowedFeatures windows, IReadOnlyList<Recording> recordings, FeatureWindowEncoder encoder, int seed) => new(
        windows.Matrix,
        windows.Labels,
        encoder.ClassCount,
        windows.RecordingIndex.Select(i => recordings[i].Metadata.Group).ToArray(),
        windows.RecordingIndex,
        seed)
    {
        InputShape = encoder.Representation.Kind == WindowInput.Features ? null : encoder.Representation.Shape,
    };

    private static void AddNote(List<string> notes, string note)
    {
        if (!notes.Contains(note)) notes.Add(note);
    }

    /// <summary>results.json's dataset block for <paramref name="dataset"/>.</summary>
    public static DatasetDescription Describe(Dataset dataset) => new(
        dataset.Name,
        dataset.Source,
        dataset.Subjects.Count,
        dataset.Recordings.Count,
        dataset.ClassNames,
        dataset.ChannelNames,
        dataset.SampleRateHz,
        dataset.TotalSeconds / 3600.0);

    /// <summary>
    /// results.json's model block from pooled, time-ordered test decisions: classification metrics, ROC/AUC from
    /// <paramref name="scores"/> (N × K probabilities; empty to skip), and myoelectric metrics (rejected predictions = −1 allowed).
    /// </summary>
    public static ModelResult ToModelResult(
        string name, int[] truth, int[] predicted, float[] scores, IReadOnlyList<string> classNames, int restClass,
        IReadOnlyList<FoldResult> folds, double trainSeconds, double meanPredictionMicroseconds)
    {
        int k = classNames.Count;
        var accepted = Enumerable.Range(0, truth.Length).Where(i => predicted[i] >= 0).ToArray();
        var report = ClassificationMetrics.Compute(accepted.Select(i => truth[i]).ToArray(), accepted.Select(i => predicted[i]).ToArray(), k);
        var matrix = new IReadOnlyList<int>[k];
        for (int i = 0; i < k; i++)
        {
            var row = new int[k];
            for (int j = 0; j < k; j++) row[j] = report.Confusion[i, j];
            matrix[i] = row;
        }
        OneVsRestRoc? roc = scores.Length == truth.Length * k && truth.Length > 0 ? RocCurve.OneVsRest(scores, truth, k) : null;
        var myo = MyoelectricMetrics.Compute(truth, predicted, restClass);
        return new ModelResult
        {
            Name = name,
            Accuracy = report.Accuracy,
            BalancedAccuracy = report.BalancedAccuracy,
            MacroPrecision = report.MacroPrecision,
            MacroRecall = report.MacroRecall,
            MacroF1 = report.MacroF1,
            CohenKappa = report.CohenKappa,
            PerClass = report.PerClass.Select(c => new ClassResult(classNames[c.ClassIndex], c.Precision, c.Recall, c.F1, c.Support, roc?.Curves[c.ClassIndex].Auc ?? double.NaN)).ToArray(),
            MacroAuc = roc?.MacroAuc ?? double.NaN,
            Roc = roc is null ? [] : roc.Curves.Select((c, i) => Thin(classNames[i], c)).ToArray(),
            ActiveError = myo.ActiveError,
            Instability = myo.Instability,
            RejectionRate = myo.RejectionRate,
            ConfusionMatrix = matrix,
            ClassNames = classNames,
            Folds = folds,
            TrainSeconds = trainSeconds,
            MeanPredictionMicroseconds = meanPredictionMicroseconds,
        };
    }

    /// <summary>At most <paramref name="maxPoints"/> points of a ROC curve, first and last kept, for reports.</summary>
    private static RocResult Thin(string name, RocCurve curve, int maxPoints = 200)
    {
        var fpr = curve.FalsePositiveRates;
        var tpr = curve.TruePositiveRates;
        int n = fpr.Length;
        var keep = n <= maxPoints ? Enumerable.Range(0, n) : Enumerable.Range(0, maxPoints).Select(i => (int)Math.Round(i * (n - 1) / (double)(maxPoints - 1))).Distinct();
        var idx = keep.ToArray();
        var f = fpr.ToArray();
        var t = tpr.ToArray();
        return new RocResult(name, curve.Auc, idx.Select(i => f[i]).ToArray(), idx.Select(i => t[i]).ToArray());
    }

    /// <summary>A declared class with no labelled sample anywhere is an input error: name it.</summary>
    private static void RequireEveryClass(Dataset dataset)
    {
        var seen = new bool[dataset.ClassNames.Count];
        foreach (var r in dataset.Recordings)
        {
            foreach (int l in r.Labels)
            {
                if (l >= 0) seen[l] = true;
            }
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: class '{dataset.ClassNames[missing]}' has no labelled samples in any recording (empty class); remove it from the class list or add data");
    }
}
