namespace SemgKit.Learning.Tests;

public class StandardizerTests
{
    public static TheoryData<string> Names => Golden.CaseNames("standardizer.json");

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesSklearnStandardScaler(string name)
    {
        var c = Golden.Case("standardizer.json", name);
        int n = c.Int("rowCount"), f = c.Int("featureCount");
        var x = new FeatureMatrix(c.Floats("x"), n, f);
        var s = Standardizer.Fit(x);
        var means = c.Doubles("means");
        var scales = c.Doubles("scales");
        for (var j = 0; j < f; j++)
        {
            Golden.Close(means[j], s.Means[j], 1e-12, 1e-12, $"mean[{j}]");
            Golden.Close(scales[j], s.Scales[j], 1e-12, 1e-12, $"scale[{j}]");
        }
        var expected = c.Doubles("transformed");
        var row = new float[f];
        s.Transform(x.Row(0), row);
        s.TransformInPlace(x);
        Assert.Equal(row, x.Row(0).ToArray());
        for (var i = 0; i < n * f; i++)
            Assert.True(Math.Abs(expected[i] - x.Data[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"z[{i}]: {expected[i]} vs {x.Data[i]}");
    }

    [Fact]
    public void ConstantColumnGetsScaleOneAndRoundTrips()
    {
        var x = new FeatureMatrix([1f, 5f, 2f, 5f, 3f, 5f], 3, 2);
        var s = Standardizer.Fit(x);
        Assert.Equal(1.0, s.Scales[1]);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), s.Scales[0], 12);
        using var stream = new MemoryStream();
        s.Write(new BinaryWriter(stream));
        stream.Position = 0;
        var loaded = Standardizer.Read(new BinaryReader(stream));
        Assert.Equal(s.Means.ToArray(), loaded.Means.ToArray());
        Assert.Equal(s.Scales.ToArray(), loaded.Scales.ToArray());
        Assert.Throws<InvalidDataException>(() => Standardizer.Read(new BinaryReader(new MemoryStream(new byte[6]))));
    }
}
