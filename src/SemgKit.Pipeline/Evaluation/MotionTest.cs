using System.Diagnostics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// The real-time motion test of BioPatRec (Ortiz-Catalan et al. 2013), on replayed labelled recordings: each recording
/// holding a motion (a run of a non-rest class) is replayed from its start through the model's streaming path; from
/// the motion's onset, the selection time is the time to the first correct decision, the completion time the time to
/// the n-th correct decision (20), the motion is completed if that happens within the timeout (5 s), and real-time
/// accuracy is the share of correct decisions from onset to completion (or timeout). Time is stream time (sample
/// index / rate), so results are deterministic; compute time per decision is reported separately.
/// </summary>
public static class MotionTest
{
    public static MotionTestResults Run(EmgModel model, Dataset dataset, MotionTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        options = (options ?? new MotionTestOptions()).Validated();
        model.RequireCompatible(dataset);
        var classMap = dataset.ClassNames.Select(n => model.ClassNames.ToList().FindIndex(m => string.Equals(m, n, StringComparison.OrdinalIgnoreCase))).ToArray();
        int rest = dataset.ClassIndex(options.RestClass);
        var trials = new List<MotionTrialResult>();
        var stream = new StreamingClassifier(model);
        long decisions = 0;
        var compute = new Stopwatch();
        int skipped = 0;
        foreach (var recording in dataset.Recordings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var labels = recording.Labels;
            int onset = -1;
            for (int t = 0; t < labels.Length; t++)
            {
                if (labels[t] != Recording.NoLabel && labels[t] != rest) { onset = t; break; }
            }
            if (onset < 0) { skipped++; continue; }
            int target = classMap[labels[onset]];
            var judge = new Judge(onset, target, recording.SampleRateHz, options);
            stream.Reset();
            compute.Start();
            stream.Push(recording.ToFrameMajor(), judge);
            compute.Stop();
            decisions += judge.All;
            trials.Add(new MotionTrialResult(recording.Metadata.Source, model.ClassNames[target], judge.Selection, judge.Completion, judge.Decisions, judge.Correct));
        }
        if (trials.Count == 0)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: no recording holds a motion (every label is '{options.RestClass}' or unlabelled)");
        var classes = trials.GroupBy(t => t.Class).OrderBy(g => model.ClassNames.ToList().IndexOf(g.Key)).Select(g => Summarise(g.Key, g.ToList())).ToArray();
        var notes = new List<string>();
        if (skipped > 0) notes.Add($"{skipped} recording(s) without a motion skipped");
        var encoder = model.Manifest.Encoder;
        return new MotionTestResults
        {
            Model = model.Manifest.Name,
            Dataset = dataset.Source ?? dataset.Name,
            CorrectDecisions = options.CorrectDecisions,
            TimeoutSeconds = options.TimeoutSeconds,
            StepMs = encoder.StepMs,
            Classes = classes,
            Overall = Summarise("all", trials),
            Trials = trials,
            MeanDecisionMicroseconds = decisions == 0 ? double.NaN : compute.Elapsed.TotalMicroseconds / decisions,
            Notes = notes,
        };
    }

    private static MotionClassResult Summarise(string name, IReadOnlyList<MotionTrialResult> trials)
    {
        int completed = trials.Count(t => t.CompletionSeconds is not null);
        var selection = trials.Where(t => t.SelectionSeconds is not null).Select(t => t.SelectionSeconds!.Value).ToArray();
        var completion = trials.Where(t => t.CompletionSeconds is not null).Select(t => t.CompletionSeconds!.Value).ToArray();
        int all = trials.Sum(t => t.Decisions);
        return new MotionClassResult(name, trials.Count, completed, (double)completed / trials.Count,
            selection.Length == 0 ? double.NaN : selection.Average(),
            completion.Length == 0 ? double.NaN : completion.Average(),
            all == 0 ? double.NaN : (double)trials.Sum(t => t.Correct) / all);
    }

    private sealed class Judge(int onset, int target, double sampleRateHz, MotionTestOptions options) : IDecisionHandler
    {
        public double? Selection { get; private set; }
        public double? Completion { get; private set; }
        public int Decisions { get; private set; }
        public int Correct { get; private set; }
        public long All { get; private set; }

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities)
        {
            All++;
            if (decision.EndSample <= onset || Completion is not null) return;
            double t = (decision.EndSample - onset) / sampleRateHz;
            if (t > options.TimeoutSeconds) return;
            Decisions++;
            if (decision.Class != target) return;
            Correct++;
            Selection ??= t;
            if (Correct == options.CorrectDecisions) Completion = t;
        }
    }
}
