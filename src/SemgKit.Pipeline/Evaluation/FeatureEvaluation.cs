using System.Diagnostics;
using SemgKit.Learning;
using SemgKit.Learning.Metrics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Signal.Features;

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

        FeatureSet features;
        try { features = FeatureCatalog.Parse(request.Encoder.Features, dataset.SampleRateHz); }
        catch (ArgumentException e) { throw new SemgException(e.Message, e); }
        var encoder = new FeatureWindowEncoder(request.Encoder, features, dataset.SampleRateHz, dataset.ChannelCount, classCount);
        var folds = Splits.Create(dataset, request.Split, request.TestFraction);
        var encoded = new List<(EvaluationFold Fold, WindowedFeatures Train, WindowedFeatures Test)>();
        var notes = new List<string>(dataset.Notes);
        for (int f = 0; f < folds.Count; f++)
        {
            progress?.Report((f, folds.Count * (1 + request.Models.Count), $"encoding {folds[f].Name}"));
            var train = encoder.EncodeAll(folds[f].Train, cancellationToken);
            var test = encoder.EncodeAll(folds[f].Test, cancellationToken);
            if (train.Count == 0 || test.Count == 0)
                notes.Add($"fold {folds[f].Name} skipped: {train.Count} training and {test.Count} test windows");
            else if (train.Labels.Distinct().Count() < 2)
                notes.Add($"fold {folds[f].Name} skipped: its training windows hold only one class ({dataset.ClassNames[train.Labels[0]]})");
            else
                encoded.Add((folds[f], train, test));
        }
        if (encoded.Count == 0)
            throw new SemgException($"no fold has both training and test windows (windows of {request.Encoder.WindowMs} ms need recordings longer than that plus {request.Encoder.WarmupMs} ms warm-up)");

        var models = new List<ModelResult>();
        int step = folds.Count;
        foreach (var spec in request.Models)
        {
            var truth = new List<int>();
            var predicted = new List<int>();
            var foldResults = new List<FoldResult>();
            double trainSeconds = 0, predictSeconds = 0;
            foreach (var (fold, train, test) in encoded)
            {
                progress?.Report((step++, folds.Count * (1 + request.Models.Count), $"{spec.Name} on {fold.Name}"));
                cancellationToken.ThrowIfCancellationRequested();
                var fitClock = Stopwatch.StartNew();
                var model = StandardizedClassifier.Fit(spec, train.Matrix, train.Labels, classCount, cancellationToken);
                trainSeconds += fitClock.Elapsed.TotalSeconds;

                var foldPredictions = new int[test.Count];
                var predictClock = Stopwatch.StartNew();
                for (int i = 0; i < test.Count; i++)
                    foldPredictions[i] = model.Predict(test.Rows.AsSpan(i * test.FeatureCount, test.FeatureCount), Span<float>.Empty);
                predictSeconds += predictClock.Elapsed.TotalSeconds;

                var foldReport = ClassificationMetrics.Compute(test.Labels, foldPredictions, classCount);
                foldResults.Add(new FoldResult(fold.Name, foldReport.Accuracy, foldReport.MacroF1, test.Count));
                truth.AddRange(test.Labels);
                predicted.AddRange(foldPredictions);
            }
            var report = ClassificationMetrics.Compute(truth.ToArray(), predicted.ToArray(), classCount);
            models.Add(ToModelResult(spec.Name, report, dataset.ClassNames, foldResults, trainSeconds, predictSeconds * 1e6 / Math.Max(1, truth.Count)));
        }
        progress?.Report((folds.Count * (1 + request.Models.Count), folds.Count * (1 + request.Models.Count), "done"));

        return new EvaluationResults
        {
            Command = request.Command,
            Seed = request.Seed,
            Dataset = Describe(dataset),
            Split = new SplitDescription(
                request.Split.ToString().ToLowerInvariant(),
                Splits.Describe(request.Split, request.TestFraction),
                encoded.Count,
                encoded.Sum(e => e.Train.Count),
                encoded.Sum(e => e.Test.Count)),
            Pipeline = new PipelineDescription(
                request.Encoder.DescribeFilter(dataset.SampleRateHz),
                request.Encoder.WindowMs,
                request.Encoder.StepMs,
                features.Codes.ToArray(),
                encoder.FeatureCount),
            Models = models,
            Notes = notes,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
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

    /// <summary>results.json's model block from a pooled report.</summary>
    public static ModelResult ToModelResult(string name, ClassificationReport report, IReadOnlyList<string> classNames, IReadOnlyList<FoldResult> folds, double trainSeconds, double meanPredictionMicroseconds)
    {
        int k = classNames.Count;
        var matrix = new IReadOnlyList<int>[k];
        for (int i = 0; i < k; i++)
        {
            var row = new int[k];
            for (int j = 0; j < k; j++) row[j] = report.Confusion[i, j];
            matrix[i] = row;
        }
        return new ModelResult
        {
            Name = name,
            Accuracy = report.Accuracy,
            BalancedAccuracy = report.BalancedAccuracy,
            MacroPrecision = report.MacroPrecision,
            MacroRecall = report.MacroRecall,
            MacroF1 = report.MacroF1,
            CohenKappa = report.CohenKappa,
            PerClass = report.PerClass.Select(c => new ClassResult(classNames[c.ClassIndex], c.Precision, c.Recall, c.F1, c.Support)).ToArray(),
            ConfusionMatrix = matrix,
            ClassNames = classNames,
            Folds = folds,
            TrainSeconds = trainSeconds,
            MeanPredictionMicroseconds = meanPredictionMicroseconds,
        };
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
