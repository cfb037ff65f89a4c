namespace SemgKit.Learning.Tests;

/// <summary>SVM against sklearn's SVC (LIBSVM) on the same data and hyper-parameters (fixtures: svm.json).</summary>
public class SvmGoldenTests
{
    public static TheoryData<string> Names => new(Golden.Cases("svm.json")
        .Where(c => c.TryGetProperty("decision", out _)).Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Names))]
    public void DecisionValuesAndPredictionsMatchSklearn(string name)
    {
        var c = Golden.Case("svm.json", name);
        var (x, y, test, _) = GoldenData.Load("svm.json", c.GetProperty("dataset").GetString()!);
        var options = new SvmOptions
        {
            Kernel = c.GetProperty("kernel").GetString() == "linear" ? SvmKernel.Linear : SvmKernel.Rbf,
            C = c.Double("c"),
            ClassWeights = c.TryGetProperty("classWeights", out _) ? c.Doubles("classWeights") : null,
        };
        var model = Svm.Fit(x, y, options, TestContext.Current.CancellationToken);
        var k = c.Int("classCount");
        Assert.Equal(k, model.ClassCount);
        Golden.Close(c.Double("gamma"), model.Gamma, 1e-6, 0, "gamma");
        var pairs = k * (k - 1) / 2;
        var expected = c.Doubles("decision");
        var ours = new double[expected.Length];
        var dec = new float[pairs];
        var predictions = c.Ints("predictions");
        var agree = 0;
        for (var r = 0; r < test.RowCount; r++)
        {
            model.DecisionFunction(test.Row(r), dec);
            // sklearn's binary decision_function is −f (positive favours class 1).
            for (var p = 0; p < pairs; p++) ours[r * pairs + p] = k == 2 ? -dec[p] : dec[p];
            agree += model.Predict(test.Row(r), Span<float>.Empty) == predictions[r] ? 1 : 0;
        }
        var correlation = GoldenData.Correlation(expected, ours);
        Assert.True(correlation > 0.999, $"{name}: decision correlation {correlation:F6}");
        var maxAbs = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - ours[i]) <= 0.02 * maxAbs, $"{name}: decision[{i}] expected {expected[i]:G6}, got {ours[i]:G6}");
        Assert.True(agree >= 0.995 * test.RowCount, $"{name}: {agree}/{test.RowCount} predictions agree");
        var nSupport = c.Ints("nSupport");
        for (var cls = 0; cls < k; cls++)
            Assert.True(Math.Abs(nSupport[cls] - model.SupportVectorCounts[cls]) <= Math.Max(2, 0.02 * nSupport[cls]),
                $"{name}: class {cls} has {model.SupportVectorCounts[cls]} support vectors; sklearn {nSupport[cls]}");
    }

    [Fact]
    public void CalibratedProbabilitiesAreCloseToSklearn()
    {
        var c = Golden.Case("svm.json", "c4/rbf/C1/probability");
        var (x, y, test, _) = GoldenData.Load("svm.json", "c4");
        var model = Svm.Fit(x, y, new SvmOptions { C = 1, Probability = true, Seed = 3 }, TestContext.Current.CancellationToken);
        Assert.True(model.HasCalibratedProbabilities);
        var expected = c.Doubles("probabilities");
        var p = new float[4];
        double sumAbs = 0, maxAbs = 0;
        for (var r = 0; r < test.RowCount; r++)
        {
            model.Predict(test.Row(r), p);
            Assert.Equal(1f, p.Sum(), 1e-4f);
            for (var j = 0; j < 4; j++)
            {
                var d = Math.Abs(expected[r * 4 + j] - p[j]);
                sumAbs += d;
                maxAbs = Math.Max(maxAbs, d);
            }
        }
        // The cross-validation shuffles differ from sklearn's (different RNG), so only close, not equal.
        var meanAbs = sumAbs / expected.Length;
        Assert.True(meanAbs < 0.02 && maxAbs < 0.15, $"mean |Δp| = {meanAbs:F4}, max {maxAbs:F4}");
    }
}
