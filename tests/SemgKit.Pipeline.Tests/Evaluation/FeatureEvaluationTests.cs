using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Simulation;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Evaluation;

public class FeatureEvaluationTests
{
    [Fact]
    public void HudginsLdaOnUciLowerLimbMatchesThePlainBaseline()
    {
        // Issue #2: per subject, first half -> second half of each recording; a plain Hudgins + LDA baseline gets 84-87 %.
        var folder = SharedData.Require(SharedData.UciLowerLimb);
        var dataset = new UciLowerLimbReader().Read(folder, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        var results = FeatureEvaluation.Run(
            new FeatureEvaluationRequest(dataset, new FeatureEncoderOptions(), SplitSpec.Half, [ClassifierSpec.Lda], "test"),
            null, TestContext.Current.CancellationToken);
        var lda = Assert.Single(results.Models);
        Assert.InRange(lda.Accuracy, 0.83, 0.88);
        // 2N keeps only gait after its duplicated files are dropped: that fold cannot train and is reported, not hidden.
        Assert.Contains(results.Notes, n => n.Contains("fold N2 skipped", StringComparison.Ordinal));
        Assert.Equal(21, results.Split.Folds);
    }

    [Fact]
    public void SplitsNeverShareARecordingOrRepetition()
    {
        var dataset = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 5, ClassCount = 3 }, 3, TestContext.Current.CancellationToken);
        foreach (var fold in Splits.Create(dataset, SplitSpec.Repetition))
        {
            var trainTrials = fold.Train.Select(r => r.Metadata.Trial).ToHashSet();
            var testTrials = fold.Test.Select(r => r.Metadata.Trial).ToHashSet();
            Assert.Empty(trainTrials.Intersect(testTrials));
            Assert.All(fold.Train.Concat(fold.Test), r => Assert.Equal(fold.Name, r.Metadata.Subject));
            Assert.Equal([4, 5], testTrials.Order());
        }
        var loso = Splits.Create(dataset, SplitSpec.Loso);
        Assert.Equal(2, loso.Count);
        Assert.All(loso, f => Assert.DoesNotContain(f.Train, r => r.Metadata.Subject == f.Name));
    }

    [Fact]
    public void HalfSplitCutsEveryRecordingOnce()
    {
        var dataset = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 2, ClassCount = 2 }, 3, TestContext.Current.CancellationToken);
        var fold = Assert.Single(Splits.Create(dataset, SplitSpec.Half));
        Assert.Equal(dataset.Recordings.Count, fold.Train.Count);
        for (int i = 0; i < fold.Train.Count; i++)
        {
            Assert.Equal(dataset.Recordings[i].SampleCount, fold.Train[i].SampleCount + fold.Test[i].SampleCount);
            Assert.Equal(dataset.Recordings[i].Channel(2)[fold.Train[i].SampleCount], fold.Test[i].Channel(2)[0]);
        }
    }

    [Fact]
    public void RepetitionSplitWithoutTrialNumbersSaysWhatToUse()
    {
        var r = new Recording(new float[400], 1000, ["a"], new int[400], new RecordingMetadata("x.csv", "s1"));
        var e = Assert.Throws<SemgException>(() => Splits.Create(new Dataset("d", ["rest"], [r]), SplitSpec.Repetition));
        Assert.Contains("x.csv: no trial/repetition number", e.Message);
        Assert.Contains("--split half", e.Message);
    }

    [Fact]
    public void EncoderDropsWarmupAndUnlabelledWindows()
    {
        int n = 1000;
        var labels = new int[n];
        for (int t = 0; t < n; t++) labels[t] = t < 500 ? Recording.NoLabel : 1;
        var rng = new Random(1);
        var samples = Enumerable.Range(0, 2 * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var r = new Recording(samples, 1000, ["a", "b"], labels, new RecordingMetadata("x", "s"));
        var encoder = new FeatureWindowEncoder(new FeatureEncoderOptions { WarmupMs = 100, Features = "Hudgins" }, 1000, 2, 2);
        var encoded = encoder.Encode(r, 0);
        // 200-sample windows every 50 samples start at 0..800 (17 windows). Windows starting in the 100-sample warm-up are
        // dropped; unlabelled samples do not vote, so a window is kept exactly when it reaches past sample 500.
        Assert.Equal(Enumerable.Range(0, 17).Select(w => w * 50).Count(s => s >= 100 && s + 200 > 500), encoded.Count);
        Assert.All(encoded.Labels, l => Assert.Equal(1, l));
        Assert.Equal(8, encoded.FeatureCount);
    }

    [Theory]
    [InlineData("repetition", SplitKind.Repetition)]
    [InlineData("half:0.25", SplitKind.Half)]
    [InlineData("pooled-half", SplitKind.PooledHalf)]
    [InlineData("loso", SplitKind.Loso)]
    [InlineData("kfold:4", SplitKind.KFold)]
    [InlineData("sessions:training0->Test0,Test1", SplitKind.Sessions)]
    public void SplitSpecsParse(string text, SplitKind kind)
    {
        var spec = SplitSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.StartsWith(spec.Name, text); // results.json names the split as the command line writes it
        if (kind == SplitKind.Half) Assert.Equal(0.25, spec.TestFraction);
        if (kind == SplitKind.KFold) Assert.Equal(4, spec.Folds);
        if (kind == SplitKind.Sessions)
        {
            Assert.Equal(["training0"], spec.TrainSessions!);
            Assert.Equal(["Test0", "Test1"], spec.TestSessions!);
        }
    }

    [Theory]
    [InlineData("bogus", "unknown split 'bogus'")]
    [InlineData("kfold:1", "k must be an integer")]
    [InlineData("half:2", "between 0 and 1")]
    [InlineData("sessions:a", "sessions:TRAIN->TEST")]
    public void BadSplitSpecsSayHowToWriteThem(string text, string message) =>
        Assert.Contains(message, Assert.Throws<SemgException>(() => SplitSpec.Parse(text)).Message);

    [Fact]
    public void KFoldPartitionsRepetitionsOnce()
    {
        var dataset = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 3, ClassCount = 2 }, 3, TestContext.Current.CancellationToken);
        var folds = Splits.Create(dataset, SplitSpec.Parse("kfold:3"), seed: 9);
        Assert.Equal(3, folds.Count);
        var tested = folds.SelectMany(f => f.Test).ToArray();
        Assert.Equal(dataset.Recordings.Count, tested.Length);
        Assert.Equal(dataset.Recordings.Count, tested.Distinct().Count());
        Assert.All(folds, f => Assert.Empty(f.Train.Intersect(f.Test)));
    }

    [Fact]
    public void SessionProtocolTrainsAndTestsOnNamedSessions()
    {
        var a = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 2, ClassCount = 2 }, 3, TestContext.Current.CancellationToken);
        var recordings = a.Recordings.Select((r, i) => r.WithMetadata(r.Metadata with { Session = i % 3 == 0 ? "training0" : i % 3 == 1 ? "Test0" : "Test1" })).ToArray();
        var dataset = new Dataset("s", a.ClassNames, recordings);
        var folds = Splits.Create(dataset, SplitSpec.Parse("sessions:training0->Test0,Test1"));
        Assert.Equal(2, folds.Count);
        Assert.All(folds, f => Assert.All(f.Train, r => Assert.Equal("training0", r.Metadata.Session)));
        Assert.All(folds, f => Assert.All(f.Test, r => Assert.NotEqual("training0", r.Metadata.Session)));
        var e = Assert.Throws<SemgException>(() => Splits.Create(dataset, SplitSpec.Parse("sessions:training9->Test0")));
        Assert.Contains("session 'training9' does not occur", e.Message);
    }

    [Fact]
    public void ResultsCarryRocAndMyoelectricMetrics()
    {
        var dataset = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 3, ClassCount = 3 }, 5, TestContext.Current.CancellationToken);
        var results = FeatureEvaluation.Run(new FeatureEvaluationRequest(dataset, new FeatureEncoderOptions(), SplitSpec.Repetition, [ClassifierSpec.Lda], "test"), null, TestContext.Current.CancellationToken);
        var m = Assert.Single(results.Models);
        Assert.InRange(m.MacroAuc, 0.5, 1.0);
        Assert.Equal(3, m.Roc.Count);
        Assert.All(m.Roc, r => { Assert.Equal(0, r.FalsePositiveRates[0]); Assert.Equal(1, r.TruePositiveRates[^1]); });
        Assert.InRange(m.ActiveError, 0, 1);
        Assert.Equal(0, m.RejectionRate);
        Assert.All(m.PerClass, c => Assert.InRange(c.Auc, 0.5, 1.0));
    }

    [Fact]
    public void RecordingVotesAndGroupAccuracyAreCountedPerTestRecording()
    {
        var generated = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 3, ClassCount = 3 }, 5, TestContext.Current.CancellationToken);
        string first = generated.Recordings[0].Metadata.Subject;
        var dataset = new Dataset(generated.Name, generated.ClassNames,
            generated.Recordings.Select(r => r.WithMetadata(r.Metadata with { Group = r.Metadata.Subject == first ? "healthy" : "patient" })).ToArray());
        var results = FeatureEvaluation.Run(new FeatureEvaluationRequest(dataset, new FeatureEncoderOptions(), SplitSpec.Repetition, [ClassifierSpec.Lda], "test"), null, TestContext.Current.CancellationToken);
        var m = Assert.Single(results.Models);
        Assert.Equal(["healthy", "patient"], m.GroupAccuracy.Keys);
        Assert.All(m.GroupAccuracy.Values, a => Assert.InRange(a, 0.5, 1.0));
        // each test recording holds one movement: voting over its windows can only help a decent per-window classifier
        Assert.InRange(m.RecordingVoteAccuracy, m.Accuracy - 1e-9, 1.0);
        var testRecordings = Splits.Create(dataset, SplitSpec.Repetition).Sum(f => f.Test.Count(r => r.Labels.ToArray().Any(l => l >= 0)));
        Assert.True(testRecordings >= 2, "synthetic data must give at least two labelled test recordings");
        Assert.Equal(0, m.RecordingVoteAccuracy * testRecordings % 1, 9);
    }
    [Fact]
    public void SmoothedAccuracyIsTheCausalVoteOfTheLastFiveDecisionsResetPerRecording()
    {
        var recordings = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 2, ClassCount = 2 }, 5, TestContext.Current.CancellationToken).Recordings.Take(2).ToArray();
        Assert.Equal(2, recordings.Length);
        // recording 0: all windows class 0; recording 1: class 1
        var test = new WindowedFeatures(new float[8], [0, 0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 1, 1], 8, 1);
        var votes = new RecordingVotes();
        votes.Add(test, [0, 1, 1, 1, 0, 0, 0, 1], recordings, 2);
        // smoothed: 0 | tie 0,1 → the most recent (1) | 1 | 1 | 1 (3 of 5) | 1 (3 of 5); reset; 0 | tie → 1: 2 of 8 right
        Assert.Equal(2.0 / 8, votes.SmoothedAccuracy, 12);
        // whole-recording votes: recording 0 ties 3–3 → class 0 (lowest index) right; recording 1 ties 1–1 → 0 wrong
        Assert.Equal(0.5, votes.Accuracy, 12);
    }
}
