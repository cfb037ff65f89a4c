using SemgKit.Pipeline.Data;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Models;

public class EmgModelTests
{
    [Fact]
    public void SaveLoadGivesTheSamePredictions()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.semg");
        var model = TrainedModels.Lda;
        model.Save(path);
        var back = Pipeline.Models.EmgModel.Load(path);
        Assert.Equal(model.ClassNames, back.ClassNames);
        Assert.Equal(model.Manifest.Encoder, back.Manifest.Encoder);
        var encoded = model.CreateEncoder().EncodeAll(TrainedModels.Data.Recordings.Take(5).ToArray(), TestContext.Current.CancellationToken);
        var p1 = new float[model.ClassNames.Count];
        var p2 = new float[model.ClassNames.Count];
        var classifier = model.CopyClassifier(); // the shared instance is not thread-safe and other tests use this model
        for (int i = 0; i < encoded.Count; i++)
        {
            var row = encoded.Rows.AsSpan(i * encoded.FeatureCount, encoded.FeatureCount);
            Assert.Equal(classifier.Predict(row, p1), back.Classifier.Predict(row, p2));
            Assert.Equal(p1, p2);
        }
    }

    [Fact]
    public void CorruptTruncatedAndForeignFilesAreNamedClearly()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.semg");
        TrainedModels.Lda.Save(path);
        var good = File.ReadAllBytes(path);

        var flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, flipped);
        var e = Assert.Throws<DataFormatException>(() => Pipeline.Models.EmgModel.Load(path));
        Assert.Contains("m.semg", e.Message);
        Assert.Contains("corrupt", e.Message);

        File.WriteAllBytes(path, good[..(good.Length / 3)]);
        e = Assert.Throws<DataFormatException>(() => Pipeline.Models.EmgModel.Load(path));
        Assert.Contains("m.semg: byte", e.Message);

        File.WriteAllText(path, "not a model at all");
        e = Assert.Throws<DataFormatException>(() => Pipeline.Models.EmgModel.Load(path));
        Assert.Contains("m.semg: byte 0: not a SemgKit model bundle", e.Message);

        var future = (byte[])good.Clone();
        future[8] = 9;
        File.WriteAllBytes(path, future);
        e = Assert.Throws<DataFormatException>(() => Pipeline.Models.EmgModel.Load(path));
        Assert.Contains("model format version 9", e.Message);
        Assert.Contains("update SemgKit", e.Message);
    }

    [Fact]
    public void IncompatibleDataIsRefused()
    {
        var r = new Recording(new float[3 * 100], 1000, ["a", "b", "c"], new int[100], new RecordingMetadata("three.csv", "s"));
        var e = Assert.Throws<SemgException>(() => TrainedModels.Lda.RequireCompatible(new Dataset("d", ["rest"], [r], "three.csv")));
        Assert.Contains("three.csv: 3 channels, the model was trained on 8", e.Message);
    }
}
