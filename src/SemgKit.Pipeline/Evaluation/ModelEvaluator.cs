using System.Diagnostics;
using SemgKit.Learning.Metrics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// Evaluates a saved model on recordings by replaying each one through the same <see cref="StreamingClassifier"/>
/// that runs live (causal filter from cold, warm-up, post-processing), and scoring each decision against the label of
/// its window. Rejected decisions count towards the rejection rate and are not scored for accuracy.
/// </summary>
public static class ModelEvaluator
{
    public static EvaluationResults Evaluate(EmgModel model, Dataset dataset, string command, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        model.RequireCompatible(dataset);
        var classMap = dataset.ClassNames.Select(n => model.ClassNames.ToList().FindIndex(m => string.Equals(m, n, StringComparison.OrdinalIgnoreCase))).ToArray();
        var options = model.Manifest.Encoder;
        int classCount = model.ClassNames.Count;
        var replays = OrderedParallel.Map(dataset.Recordings.Count, i => Replay(model, dataset.Recordings[i], classMap, options), cancellationToken);

        var truth = new List<int>();
        var predicted = new List<int>();
        var scores = new List<float>();
        double seconds = 0;
        long decisions = 0;
        var folds = new List<FoldResult>();
        foreach (var subject in dataset.Subjects)
        {
            var mine = Enumerable.Range(0, replays.Length).Where(i => dataset.Recordings[i].Metadata.Subject == subject).Select(i => replays[i]).ToArray();
            var t = mine.SelectMany(r => r.Truth).ToArray();
            var p = mine.SelectMany(r => r.Predicted).ToArray();
            var accepted = Enumerable.Range(0, t.Length).Where(i => p[i] >= 0).ToArray();
            if (accepted.Length > 0)
            {
                var report = ClassificationMetrics.Compute(accepted.Select(i => t[i]).ToArray(), accepted.Select(i => p[i]).ToArray(), classCount);
                folds.Add(new FoldResult(subject, report.Accuracy, report.MacroF1, t.Length));
            }
            truth.AddRange(t);
            predicted.AddRange(p);
            foreach (var r in mine)
            {
                scores.AddRange(r.Scores);
                seconds += r.Seconds;
                decisions += r.Decisions;
            }
        }
        if (!predicted.Any(p => p >= 0))
            throw new SemgException($"{dataset.Source ?? dataset.Name}: no labelled, non-rejected decisions to score (recordings shorter than a window plus warm-up?)");
        return new EvaluationResults
        {
            Command = command,
            Seed = model.Manifest.Seed,
            Dataset = FeatureEvaluation.Describe(dataset),
            Split = new SplitDescription("held-out", $"saved model '{model.Manifest.Name}' trained on {model.Manifest.TrainedOn}, replayed through the streaming path on every recording", folds.Count, model.Manifest.TrainingWindows, truth.Count),
            Pipeline = new PipelineDescription(options.DescribeFilter(model.SampleRateHz), options.WindowMs, options.StepMs, model.Representation.Codes, model.Representation.ValuesPerWindow),
            Models = [FeatureEvaluation.ToModelResult(model.Manifest.Model, truth.ToArray(), predicted.ToArray(), scores.ToArray(), model.ClassNames, Dataset.RestClassOf(model.ClassNames), folds, 0, seconds * 1e6 / Math.Max(1, decisions)) with { History = TrainingCurves.Of(model.Classifier) }],
            Notes = dataset.Notes,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    private sealed record Replayed(int[] Truth, int[] Predicted, float[] Scores, long Decisions, double Seconds);

    /// <summary>Scores each decision against the label of its window (by the model's label rule).</summary>
    private sealed class Scorer(Recording recording, int[] classMap, FeatureEncoderOptions options, int windowSamples, int classCount) : IDecisionHandler
    {
        private readonly int[] _counts = new int[Math.Max(1, classCount)];
        public List<int> Truth { get; } = [];
        public List<int> Predicted { get; } = [];
        public List<float> Scores { get; } = [];
        public long Decisions { get; private set; }

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities)
        {
            Decisions++;
            int start = (int)decision.EndSample - windowSamples;
            int label = WindowLabeler.Label(recording.Labels.Slice(start, windowSamples), options.LabelRule, options.LabelPurity, _counts);
            if (label == Recording.NoLabel) return;
            Truth.Add(classMap[label]);
            Predicted.Add(decision.Class);
            foreach (float p in probabilities) Scores.Add(p);
        }
    }

    private static Replayed Replay(EmgModel model, Recording recording, int[] classMap, FeatureEncoderOptions options)
    {
        var stream = new StreamingClassifier(model);
        var scorer = new Scorer(recording, classMap, options, stream.WindowSamples, classMap.Length);
        var frames = recording.ToFrameMajor();
        var clock = Stopwatch.StartNew();
        stream.Push(frames, scorer);
        return new Replayed(scorer.Truth.ToArray(), scorer.Predicted.ToArray(), scorer.Scores.ToArray(), scorer.Decisions, clock.Elapsed.TotalSeconds);
    }
}
