using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Simulation;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Training;

namespace SemgKit.Pipeline.Tests.Data;

public class ArmbandRotationTests
{
    // one subject, 3 classes on 6 electrodes; repetitions 1–3 are the training session, 4–6 a session with the armband
    // turned by `turn` electrodes (electrode c + turn now sees what electrode c saw)
    private static Dataset Shifted(int turn)
    {
        var d = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 6, ClassCount = 3, ChannelCount = 6 }, 5, TestContext.Current.CancellationToken);
        var recordings = d.Recordings.Select(r => r.Metadata.Trial <= 3
            ? r.WithMetadata(r.Metadata with { Session = "training" })
            : ArmbandRotation.Undo(r, -turn).WithMetadata(r.Metadata with { Session = "shifted" })).ToArray();
        return new Dataset(d.Name, d.ClassNames, recordings, d.Source, d.Notes);
    }

    [Fact]
    public void UndoPutsEachChannelBackAndKeepsLabelsNamesAndMetadata()
    {
        var r = Shifted(0).Recordings[0];
        var turned = ArmbandRotation.Undo(r, -2);
        var back = ArmbandRotation.Undo(turned, 2);
        for (int c = 0; c < r.ChannelCount; c++)
        {
            Assert.Equal(r.Channel(c).ToArray(), turned.Channel((c + 2) % r.ChannelCount).ToArray());
            Assert.Equal(r.Channel(c).ToArray(), back.Channel(c).ToArray());
        }
        Assert.Equal(r.ChannelNames, back.ChannelNames);
        Assert.Equal(r.Labels.ToArray(), back.Labels.ToArray());
        Assert.Same(r.Metadata, back.Metadata);
        Assert.Same(r, ArmbandRotation.Undo(r, 6)); // a whole turn changes nothing
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)] // one electrode the other way
    [InlineData(3)]
    public void TheFirstRepetitionTellsTheRotationAndIsNotTested(int turn)
    {
        var data = Shifted(turn);
        var training = data.Recordings.Where(r => r.Metadata.Session == "training").ToArray();
        var shifted = data.Recordings.Where(r => r.Metadata.Session == "shifted").ToArray();
        Assert.Equal(turn, ArmbandRotation.Estimate(training, shifted.Where(r => r.Metadata.Trial == 4).ToArray(), data.ClassNames.Count));
        Assert.Equal(0, ArmbandRotation.Estimate(training, training.Where(r => r.Metadata.Trial == 1).ToArray(), data.ClassNames.Count));

        var tested = ArmbandRotation.CalibrateOnFirstRepetition().Apply(shifted, training);
        Assert.Equal(shifted.Count(r => r.Metadata.Trial >= 5), tested.Count); // the calibration repetition is not tested
        var asRecorded = ArmbandRotation.CalibrateOnFirstRepetition(realign: false).Apply(shifted, training);
        Assert.Equal(tested.Select(r => r.Metadata.Source), asRecorded.Select(r => r.Metadata.Source));
    }

    [Fact]
    public void TheTrainingSessionsModelReadsTheRealignedSessionAsItReadsItsOwn()
    {
        // the synthetic electrodes overlap their neighbours, so a turn of one is mild; half the ring is not
        var data = Shifted(3);
        EvaluationResults Run(bool realign, bool labels = true) => FeatureEvaluation.Run(
            new FeatureEvaluationRequest(data, new FeatureEncoderOptions(), SplitSpec.Parse("sessions:training->shifted"), ClassifierSpec.ParseList("lda"), "test")
            { Test = ArmbandRotation.CalibrateOnFirstRepetition(realign, labels) },
            cancellationToken: TestContext.Current.CancellationToken);
        double realigned = Run(true).Models[0].Accuracy, baseline = Run(false).Models[0].Accuracy;
        Assert.True(realigned > 0.9, $"realigned {realigned}");
        Assert.True(realigned > baseline + 0.2, $"realigned {realigned}, as recorded {baseline}");
        Assert.Equal(realigned, Run(true, labels: false).Models[0].Accuracy); // the pooled pattern finds the same turn here
    }

    [Fact]
    public void AOneRepetitionSessionCalibratesOnTheFirstHalfOfEachRecording()
    {
        var data = Shifted(2);
        var training = data.Recordings.Where(r => r.Metadata.Session == "training").ToArray();
        var single = data.Recordings.Where(r => r.Metadata.Trial == 4).ToArray();
        var tested = ArmbandRotation.CalibrateOnFirstRepetition().Apply(single, training);
        Assert.Equal(single.Length, tested.Count);
        for (int i = 0; i < single.Length; i++)
        {
            Assert.Equal(single[i].SampleCount - single[i].SampleCount / 2, tested[i].SampleCount);
            Assert.Equal(single[i].Channel(2).Slice(single[i].SampleCount / 2).ToArray(), tested[i].Channel(0).ToArray()); // turned back by 2
        }
    }

    [Fact]
    public void ABundleKeepsItsTrainingPatternsAndANewSessionIsRecalibratedAgainstThem()
    {
        var data = Shifted(2);
        var training = data.Recordings.Where(r => r.Metadata.Session == "training").ToArray();
        var model = ModelTrainer.Train(new ModelTrainer.Request(data, training, new FeatureEncoderOptions(), ClassifierSpec.Lda, PostProcessingOptions.None, 1), TestContext.Current.CancellationToken).Model;
        var path = Path.Combine(Path.GetTempPath(), $"semgkit-rotation-{Guid.NewGuid():N}.semg");
        model.Save(path);
        var loaded = EmgModel.Load(path);
        File.Delete(path);
        Assert.Equal(ArmbandRotation.Patterns(training, 3), loaded.Manifest.ChannelPatterns);
        var calibration = new Dataset("calibration", data.ClassNames, [.. data.Recordings.Where(r => r.Metadata.Trial == 4)], "calibration.csv");
        var found = ArmbandRotation.Recalibrate(loaded, calibration);
        Assert.Equal(2, found.Rotation);
        Assert.True(found.Match > 0.5 && found.Match > found.UnrotatedMatch + 0.5, found.ToString()); // rest has a flat, noisy pattern
        var renamed = new Dataset("calibration", [.. data.ClassNames.Reverse().Select(n => n.ToUpperInvariant())], [.. calibration.Recordings.Select(r => r.WithLabels([.. r.Labels.ToArray().Select(l => l < 0 ? l : 2 - l)]))], "calibration.csv");
        Assert.Equal(found, ArmbandRotation.Recalibrate(loaded, renamed)); // classes are matched by name
        Assert.False(found.Unlabelled);

        // without labels, the pooled pattern of every sample is matched with the training's
        var unlabelled = new Dataset("calibration", data.ClassNames, [.. calibration.Recordings.Select(r => r.WithLabels(Recording.ConstantLabels(r.SampleCount, Recording.NoLabel)))], "calibration.csv");
        var pooled = ArmbandRotation.Recalibrate(loaded, unlabelled);
        Assert.True(pooled.Unlabelled);
        Assert.Equal(2, pooled.Rotation);
        Assert.Equal(ArmbandRotation.PooledPattern(training), loaded.Manifest.PooledChannelPattern);
        Assert.Contains("no pooled channel pattern", Assert.Throws<SemgException>(() => ArmbandRotation.Recalibrate(new EmgModel(loaded.Manifest with { PooledChannelPattern = null }, loaded.Classifier), unlabelled)).Message);

        var old = new EmgModel(loaded.Manifest with { ChannelPatterns = null }, loaded.Classifier);
        Assert.Contains("older SemgKit", Assert.Throws<SemgException>(() => ArmbandRotation.Recalibrate(old, calibration)).Message);
    }

    private sealed class Collect : IFrameConsumer
    {
        public List<float> Frames { get; } = [];
        public int Starts { get; private set; }
        public void OnFrames(ReadOnlySpan<float> frames, long arrivalMicroseconds) => Frames.AddRange(frames.ToArray());
        public void OnFault(StreamFault fault, long count, bool breaksContinuity) { }
        public void OnStreamStart() => Starts++;
    }

    [Fact]
    public void LiveFramesGetTheirChannelsBackInPlace()
    {
        var inner = new Collect();
        var rotated = new RotatedChannels(inner, 4, 1);
        rotated.OnStreamStart();
        rotated.OnFrames([10, 11, 12, 13, 20, 21, 22, 23], 0); // two frames: electrode c + 1 holds channel c
        rotated.OnFrames([30, 31, 32, 33], 0);
        Assert.Equal([11, 12, 13, 10, 21, 22, 23, 20, 31, 32, 33, 30], inner.Frames);
        Assert.Equal(1, inner.Starts);
    }

    [Fact]
    public void ASessionOfASubjectWithoutTrainingRecordingsIsAnError()
    {
        var data = Shifted(1);
        var shifted = data.Recordings.Where(r => r.Metadata.Session == "shifted").ToArray();
        var other = data.Recordings.Where(r => r.Metadata.Session == "training").Select(r => r.WithMetadata(r.Metadata with { Subject = "someone else" })).ToArray();
        var e = Assert.Throws<SemgException>(() => ArmbandRotation.CalibrateOnFirstRepetition().Apply(shifted, other));
        Assert.Contains("no training recordings", e.Message);
        Assert.Contains(shifted.First(r => r.Metadata.Trial == 4).Metadata.Source, e.Message);
    }
}
