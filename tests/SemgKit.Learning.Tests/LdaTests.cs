namespace SemgKit.Learning.Tests;

public class LdaTests
{
    private static (FeatureMatrix X, int[] Y) Random(int seed, int n, int f, int k, double separation = 2)
    {
        var rng = new Random(seed);
        var centers = new double[k * f];
        for (var i = 0; i < centers.Length; i++) centers[i] = (rng.NextDouble() * 2 - 1) * separation;
        var data = new float[n * f];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % k;
            for (var j = 0; j < f; j++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                data[i * f + j] = (float)(centers[y[i] * f + j] + g);
            }
        }
        return (new FeatureMatrix(data, n, f), y);
    }

    [Fact]
    public void FewerSamplesThanFeaturesAndConstantColumnsDoNotCrash()
    {
        var (x, y) = Random(1, 12, 30, 3);
        for (var i = 0; i < x.RowCount; i++) x.Row(i)[7] = 2.5f;
        foreach (var shrinkage in new[] { LdaShrinkage.None, LdaShrinkage.Fixed(0.3), LdaShrinkage.Auto })
        {
            var model = Lda.Fit(x, y, new LdaOptions { Shrinkage = shrinkage });
            foreach (var v in model.Coefficients) Assert.True(float.IsFinite(v));
            foreach (var v in model.Intercepts) Assert.True(float.IsFinite(v));
            // Without shrinkage the pseudo-inverse gives a constant feature weight 0; with shrinkage it
            // gets the same weight in every class (as sklearn), which cancels between classes.
            if (shrinkage == LdaShrinkage.None) Assert.Equal(0f, model.Coefficients[7], 1e-6f);
            for (var c = 1; c < 3; c++) Assert.Equal(model.Coefficients[7], model.Coefficients[c * 30 + 7], 1e-3f);
            var p = new float[3];
            var correct = 0;
            for (var i = 0; i < x.RowCount; i++)
            {
                correct += model.Predict(x.Row(i), p) == y[i] ? 1 : 0;
                Assert.All(p, v => Assert.True(float.IsFinite(v)));
                Assert.Equal(1f, p.Sum(), 1e-5f);
            }
            Assert.True(correct >= 9, $"{shrinkage}: {correct}/12 training rows correct");
        }
    }

    [Fact]
    public void AllConstantFeaturesFallBackToPriors()
    {
        var x = new FeatureMatrix(Enumerable.Repeat(1f, 20).ToArray(), 10, 2);
        var y = new[] { 0, 1, 1, 1, 0, 1, 1, 1, 1, 1 };
        var model = Lda.Fit(x, y);
        var p = new float[2];
        Assert.Equal(1, model.Predict([1f, 1f], p));
        Assert.Equal(0.2f, p[0], 1e-6f);
    }

    [Fact]
    public void ClassWithoutSamplesIsNamed()
    {
        var (x, _) = Random(2, 9, 3, 3);
        var y = new[] { 0, 0, 0, 2, 2, 2, 0, 2, 0 };
        var e = Assert.Throws<ArgumentException>(() => Lda.Fit(x, y));
        Assert.Contains("Class 1", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Lda.Fit(x, y, new LdaOptions { ClassCount = 4 }));
        Assert.Contains("Class 1", e2.Message);
        var bad = (int[])y.Clone();
        bad[4] = 7;
        var e3 = Assert.Throws<ArgumentException>(() => Lda.Fit(x, bad, new LdaOptions { ClassCount = 3 }));
        Assert.Contains("y[4] = 7", e3.Message);
    }

    [Fact]
    public void PredictDoesNotAllocate()
    {
        var (x, y) = Random(3, 400, 32, 8);
        var model = Lda.Fit(x, y);
        var p = new float[8];
        var row = x.Row(5).ToArray();
        var sink = 0;
        for (var i = 0; i < 100; i++) sink += model.Predict(row, p) + model.Predict(row, Span<float>.Empty);
        Assert.Equal(0, GoldenData.Allocated(() => sink += model.Predict(row, p) + model.Predict(row, Span<float>.Empty), 10_000));
        Assert.True(sink >= 0);
    }

    [Fact]
    public void PredictBatchMatchesSinglePredictions()
    {
        var (x, y) = Random(4, 200, 10, 4, separation: 0.5);
        var model = Lda.Fit(x, y, new LdaOptions { Shrinkage = LdaShrinkage.Auto });
        var batch = new int[x.RowCount];
        model.PredictBatch(x.Data, x.RowCount, batch);
        for (var i = 0; i < x.RowCount; i++) Assert.Equal(model.Predict(x.Row(i), Span<float>.Empty), batch[i]);
        var p = new float[4];
        model.Predict(x.Row(0), p);
        Assert.Equal(1f, p.Sum(), 1e-5f);
    }

    [Fact]
    public void WriteReadRoundTripsExactly()
    {
        var (x, y) = Random(5, 120, 7, 3);
        var model = Lda.Fit(x, y, new LdaOptions { Shrinkage = LdaShrinkage.Fixed(0.1) });
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(writer);
        stream.Position = 0;
        var loaded = LdaClassifier.Read(new BinaryReader(stream));
        Assert.Equal(model.Coefficients.ToArray(), loaded.Coefficients.ToArray());
        Assert.Equal(model.Intercepts.ToArray(), loaded.Intercepts.ToArray());
        Assert.Equal(model.ClassMeans.ToArray(), loaded.ClassMeans.ToArray());
        Assert.Equal(model.Priors.ToArray(), loaded.Priors.ToArray());
        var rebuilt = new LdaClassifier(model.Coefficients, model.Intercepts, model.ClassMeans, model.Priors);
        Assert.Equal(model.Predict(x.Row(3), []), rebuilt.Predict(x.Row(3), []));
    }

    [Fact]
    public void ReadRejectsBadInputWithClearMessages()
    {
        var (x, y) = Random(6, 60, 4, 2);
        var model = Lda.Fit(x, y);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(writer);
        var bytes = stream.ToArray();

        static InvalidDataException Load(byte[] b) => Assert.Throws<InvalidDataException>(() => LdaClassifier.Read(new BinaryReader(new MemoryStream(b))));

        var badMagic = (byte[])bytes.Clone();
        badMagic[0] ^= 0xFF;
        Assert.Contains("Not an LDA model", Load(badMagic).Message);
        var badVersion = (byte[])bytes.Clone();
        badVersion[4] = 9;
        Assert.Contains("version 9", Load(badVersion).Message);
        Assert.Contains("truncated", Load(bytes[..^3]).Message);
        var badK = (byte[])bytes.Clone();
        BitConverter.GetBytes(1).CopyTo(badK, 8);
        Assert.Contains("class count 1", Load(badK).Message);
        var nan = (byte[])bytes.Clone();
        BitConverter.GetBytes(float.NaN).CopyTo(nan, 16);
        Assert.Contains("coefficients[0]", Load(nan).Message);
    }
}
