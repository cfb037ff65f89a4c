using System.Text.Json;

namespace SemgKit.Learning.Tests;

/// <summary>LDA against sklearn's LinearDiscriminantAnalysis(solver='lsqr') (fixtures: lda.json).</summary>
public class LdaGoldenTests
{
    public static TheoryData<string> Names => Golden.CaseNames("lda.json");

    internal static (FeatureMatrix X, int[] Y, FeatureMatrix Test) Dataset(string name)
    {
        var d = Golden.Root("lda.json").GetProperty("datasets").GetProperty(name);
        var f = d.Int("featureCount");
        return (new FeatureMatrix(d.Floats("x"), d.Int("rowCount"), f), d.Ints("y"),
                new FeatureMatrix(d.Floats("test"), d.Int("testRowCount"), f));
    }

    internal static LdaOptions Options(JsonElement c)
    {
        var shrink = c.GetProperty("shrinkage");
        var shrinkage = shrink.ValueKind switch
        {
            JsonValueKind.Null => LdaShrinkage.None,
            JsonValueKind.String => LdaShrinkage.Auto,
            _ => LdaShrinkage.Fixed(shrink.GetDouble()),
        };
        var priors = c.GetProperty("priorsOption");
        return new LdaOptions
        {
            Shrinkage = shrinkage,
            Priors = priors.ValueKind == JsonValueKind.Null ? null : c.Doubles("priorsOption"),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CoefficientsInterceptsAndProbabilitiesMatchSklearn(string name)
    {
        var c = Golden.Case("lda.json", name);
        var (x, y, test) = Dataset(c.GetProperty("dataset").GetString()!);
        var model = Lda.Fit(x, y, Options(c));
        int k = c.Int("classCount"), f = x.FeatureCount;
        Assert.Equal(k, model.ClassCount);
        Assert.Equal(f, model.FeatureCount);

        var coef = c.Doubles("coef");
        var intercept = c.Doubles("intercept");
        var ours = model.Coefficients.ToArray().Select(v => (double)v).ToArray();
        var oursIntercept = model.Intercepts.ToArray().Select(v => (double)v).ToArray();
        if (c.Int("coefRows") == 1)
        {
            // sklearn stores the binary case as class 1 minus class 0.
            ours = Enumerable.Range(0, f).Select(j => ours[f + j] - ours[j]).ToArray();
            oursIntercept = [oursIntercept[1] - oursIntercept[0]];
        }
        var maxCoef = coef.Max(Math.Abs);
        for (var i = 0; i < coef.Length; i++)
            Golden.Close(coef[i], ours[i], 1e-4, 1e-2 * maxCoef, $"{name} coef[{i}]");
        var maxIntercept = intercept.Max(Math.Abs);
        for (var i = 0; i < intercept.Length; i++)
            Golden.Close(intercept[i], oursIntercept[i], 1e-4, 1e-2 * maxIntercept, $"{name} intercept[{i}]");
        var means = c.Doubles("means");
        for (var i = 0; i < means.Length; i++)
            Golden.Close(means[i], model.ClassMeans[i], 1e-6, 1e-3, $"{name} means[{i}]");
        var priors = c.Doubles("priors");
        for (var i = 0; i < k; i++)
            Golden.Close(priors[i], model.Priors[i], 1e-6, 0, $"{name} priors[{i}]");

        var expectedProbabilities = c.Doubles("probabilities");
        var expectedPredictions = c.Ints("predictions");
        var probabilities = new float[k];
        for (var r = 0; r < test.RowCount; r++)
        {
            var predicted = model.Predict(test.Row(r), probabilities);
            Assert.Equal(expectedPredictions[r], predicted);
            Assert.Equal(predicted, model.Predict(test.Row(r), Span<float>.Empty));
            for (var j = 0; j < k; j++)
            {
                var e = expectedProbabilities[r * k + j];
                Assert.True(Math.Abs(e - probabilities[j]) <= 1e-4, $"{name} row {r} P[{j}]: expected {e:R}, got {probabilities[j]:R}");
            }
        }
    }
}
