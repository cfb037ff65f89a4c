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
/// its window. Rejected decisions are counted, not scored.
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
        var perRecording = OrderedParallel.Map(dataset.Recordings.Count, i => Replay(model, dataset.Recordings[i], classMap, options), cancellationToken);

        var truth = new List<int>();
        var predicted = new List<int>();
        long rejected = 0, decisions = 0;
        double predictSeconds = 0;
        var folds = new List<FoldResult>();
        foreach (var subject in dataset.Subjects)
        {
            var t = new List<int>();
            var p = new List<int>();
            for (int i = 0; i < dataset.Recordings.Count; i++)
            {
                if (dataset.Recordings[i].Metadata.Subject != subject) continue;
                var r = perRecording[i];
                t.AddRange(r.Truth);
                p.AddRange(r.Predicted);
                rejected += r.Rejected;
                decisions += r.Decisions;
                predictSeconds += r.Seconds;
            }
            if (t.Count == 0) continue;
            var report = ClassificationMetrics.Compute(t.ToArray(), p.ToArray(), classCount);
            folds.Add(new FoldResult(subject, report.Accuracy, report.MacroF1, t.Count));
            truth.AddRange(t);
            predicted.AddRange(p);
        }
        if (truth.Count == 0)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: no labelled, non-rejected decisions to score (recordings shorter than a window plus warm-up?)");
        var pooled = ClassificationMetrics.Compute(truth.ToArray(), predicted.ToArray(), classCount);
        var notes = new List<string>(dataset.Notes);
        if (rejected > 0)
            notes.Add($"{rejected} of {decisions} decisions ({100.0 * rejected / decisions:0.0} %) rejected by the confidence threshold and not scored");
        var features = model.Features.Features.Select(f => f.Code).ToArray();
        return new EvaluationResults
        {
            Command = command,
            Seed = model.Manifest.Seed,
            Dataset = FeatureEvaluation.Describe(dataset),
            Split = new SplitDescription("held-out", $"saved model '{model.Manifest.Name}' trained on {model.Manifest.TrainedOn}, replayed through the streaming path on every recording", folds.Count, model.Manifest.TrainingWindows, truth.Count),
            Pipeline = new PipelineDescription(options.DescribeFilter(model.SampleRateHz), options.WindowMs, options.StepMs, features, model.Features.ValuesPerWindow(model.ChannelCount)),
            Models = [FeatureEvaluation.ToModelResult(model.Manifest.Model, pooled, model.ClassNames, folds, 0, predictSeconds * 1e6 / Math.Max(1, decisions))],
            Notes = notes,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    private sealed record Replayed(int[] Truth, int[] Predicted, long Rejected, long Decisions, double Seconds);

    private sealed class Scorer(Recording recording, int[] classMap, FeatureEncoderOptions options, int windowSamples, int classCount) : IDecisionHandler
    {
        private readonly int[] _counts = new int[Math.Max(1, classCount)];
        public List<int> Truth { get; } = [];
        public List<int> Predicted { get; } = [];
        public long Rejected { get; private set; }
        public long Decisions { get; private set; }

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities)
        {
            Decisions++;
            int start = (int)decision.EndSample - windowSamples;
            int label = WindowLabeler.Label(recording.Labels.Slice(start, windowSamples), options.LabelRule, options.LabelPurity, _counts);
            if (label == Recording.NoLabel) return;
            if (decision.Rejected)
            {
                Rejected++;
                return;
            }
            Truth.Add(classMap[label]);
            Predicted.Add(decision.Class);
        }
    }

    private static Replayed Replay(EmgModel model, Recording recording, int[] classMap, FeatureEncoderOptions options)
    {
        var stream = new StreamingClassifier(model);
        var scorer = new Scorer(recording, classMap, options, stream.WindowSamples, recording.Labels.Length == 0 ? 1 : Math.Max(classMap.Length, 1));
        var frames = recording.ToFrameMajor();
        var clock = Stopwatch.StartNew();
        stream.Push(frames, scorer);
        return new Replayed(scorer.Truth.ToArray(), scorer.Predicted.ToArray(), scorer.Rejected, scorer.Decisions, clock.Elapsed.TotalSeconds);
    }
}
