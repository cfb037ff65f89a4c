using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Pipeline.Simulation;
using SemgKit.Pipeline.Training;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Models;

public class LearnersInBundlesTests
{
    private static readonly Lazy<Dataset> Data = new(() =>
        SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 3, ClassCount = 3 }, 21));

    public static TheoryData<string> Names => new(ClassifierSpec.All.Select(s => s.Name).Concat(["lda+ensemble:3:vote", "lda+ensemble:3:best", "svm+balanced", "rf+balanced+ensemble:2", "svm:1", "knn:3", "rf:20+balanced", "lda:auto", "lda:0.2"]));

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryLearnerTrainsSavesAndLoadsWithIdenticalPredictions(string name)
    {
        var data = Data.Value;
        var spec = Assert.Single(ClassifierSpec.ParseList(name));
        var train = data.Recordings.Where(r => r.Metadata.Trial <= 2).ToArray();
        var model = ModelTrainer.Train(new ModelTrainer.Request(data, train, new FeatureEncoderOptions(), spec, PostProcessingOptions.None, 4), TestContext.Current.CancellationToken).Model;
        using var dir = new TempDirectory();
        model.Save(dir.File("m.semg"));
        var back = EmgModel.Load(dir.File("m.semg"));

        var test = model.CreateEncoder().EncodeAll(data.Recordings.Where(r => r.Metadata.Trial == 3).ToArray(), TestContext.Current.CancellationToken);
        int correct = 0;
        var p1 = new float[3];
        var p2 = new float[3];
        for (int i = 0; i < test.Count; i++)
        {
            var row = test.Rows.AsSpan(i * test.FeatureCount, test.FeatureCount);
            int a = model.Classifier.Predict(row, p1);
            Assert.Equal(a, back.Classifier.Predict(row, p2));
            Assert.Equal(p1, p2);
            Assert.InRange(p1.Sum(), 0.999f, 1.001f);
            if (a == test.Labels[i]) correct++;
        }
        Assert.True(correct > 0.6 * test.Count, $"{name}: {correct}/{test.Count} correct on held-out repetitions");
    }

    [Fact]
    public void EnsembleTrainsEachMemberOnAMajoritySubsetPlusAllMinorityRows()
    {
        // 4 healthy subjects and 1 patient: the patient's rows must reach every member, the healthy rows only one each.
        var raw = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 5, RepetitionCount = 2, ClassCount = 3 }, 5, TestContext.Current.CancellationToken);
        var recordings = raw.Recordings.Select(r => r.WithMetadata(r.Metadata with { Group = r.Metadata.Subject == "s05" ? "patient" : "healthy" })).ToArray();
        var data = new Dataset("imbalanced", raw.ClassNames, recordings);
        var spec = Assert.Single(ClassifierSpec.ParseList("knn+ensemble:4:vote"));
        var model = ModelTrainer.Train(new ModelTrainer.Request(data, recordings, new FeatureEncoderOptions(), spec, PostProcessingOptions.None, 4), TestContext.Current.CancellationToken).Model;
        var ensemble = Assert.IsType<EnsembleClassifier>(Assert.IsType<StandardizedClassifier>(model.Classifier).Inner);
        Assert.Equal(4, ensemble.Members.Count);
        Assert.Equal(-1, ensemble.Chosen);

        var windows = model.CreateEncoder().EncodeAll(recordings, TestContext.Current.CancellationToken);
        int patientRows = windows.RecordingIndex.Count(i => recordings[i].Metadata.Group == "patient");
        int healthyRows = windows.Count - patientRows;
        // kNN members keep their training rows: each holds all patient rows and about a quarter of the healthy rows
        foreach (var member in ensemble.Members)
        {
            var knn = Assert.IsType<Learning.KnnClassifier>(Assert.IsType<StandardizedClassifier>(member).Inner);
            Assert.InRange(knn.RowCount - patientRows, healthyRows / 4 - 3, healthyRows / 4 + 3);
        }

        var best = Assert.Single(ClassifierSpec.ParseList("lda+ensemble:4:best"));
        var chosen = ModelTrainer.Train(new ModelTrainer.Request(data, recordings, new FeatureEncoderOptions(), best, PostProcessingOptions.None, 4), TestContext.Current.CancellationToken).Model;
        Assert.InRange(Assert.IsType<EnsembleClassifier>(Assert.IsType<StandardizedClassifier>(chosen.Classifier).Inner).Chosen, 0, 3);
    }

    [Theory]
    [InlineData("lda+bagging", "unknown model modifier")]
    [InlineData("lda+ensemble:1", "k ≥ 2")]
    [InlineData("lda+ensemble:x", "neither a subset count")]
    [InlineData("xgboost", "unknown model 'xgboost'")]
    [InlineData("lda+balanced", "does not take class weights")]
    [InlineData("lda:2", "shrinkage must be in [0, 1]")]
    [InlineData("qda:2", "qda takes no parameter")]
    [InlineData("svm:0", "must be a positive number")]
    [InlineData("knn:2.5", "must be a whole number")]
    [InlineData("cnn1d:3", "takes no parameter")]
    public void BadModelNamesAreExplained(string name, string message) =>
        Assert.Contains(message, Assert.Throws<SemgException>(() => ClassifierSpec.ParseList(name)).Message);
}
