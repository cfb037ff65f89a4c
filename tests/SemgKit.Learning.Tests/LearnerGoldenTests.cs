namespace SemgKit.Learning.Tests;

/// <summary>QDA, kNN, Gaussian naive Bayes and random forest against scikit-learn 1.2 (qda.json, knn.json, naive_bayes.json, forest.json).</summary>
public class LearnerGoldenTests
{
    public static TheoryData<string> QdaNames => Golden.CaseNames("qda.json");
    public static TheoryData<string> KnnNames => Golden.CaseNames("knn.json");
    public static TheoryData<string> NaiveBayesNames => Golden.CaseNames("naive_bayes.json");
    public static TheoryData<string> ForestNames => Golden.CaseNames("forest.json");

    [Theory]
    [MemberData(nameof(QdaNames))]
    public void QdaMatchesSklearn(string name)
    {
        var c = Golden.Case("qda.json", name);
        var (x, y, test, _) = GoldenData.Load("qda.json", c.GetProperty("dataset").GetString()!);
        var model = Qda.Fit(x, y, new QdaOptions { RegParam = c.Double("regParam") });
        var k = c.Int("classCount");
        var decision = c.Doubles("decision");
        var probabilities = c.Doubles("probabilities");
        var predictions = c.Ints("predictions");
        var d = new double[k];
        var p = new float[k];
        for (var r = 0; r < test.RowCount; r++)
        {
            model.DecisionFunction(test.Row(r), d);
            for (var j = 0; j < k; j++) Golden.Close(decision[r * k + j], d[j], 1e-4, 1, $"{name} row {r} decision[{j}]");
            Assert.Equal(predictions[r], model.Predict(test.Row(r), p));
            for (var j = 0; j < k; j++)
                Assert.True(Math.Abs(probabilities[r * k + j] - p[j]) <= 1e-4, $"{name} row {r} P[{j}]: expected {probabilities[r * k + j]:R}, got {p[j]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(KnnNames))]
    public void KnnMatchesSklearn(string name)
    {
        var c = Golden.Case("knn.json", name);
        var (x, y, test, _) = GoldenData.Load("knn.json", c.GetProperty("dataset").GetString()!);
        var weights = c.GetProperty("weights").GetString() == "distance" ? KnnWeights.Distance : KnnWeights.Uniform;
        var model = Knn.Fit(x, y, new KnnOptions { Neighbors = c.Int("k"), Weights = weights });
        var k = c.Int("classCount");
        var probabilities = c.Doubles("probabilities");
        var predictions = c.Ints("predictions");
        var p = new float[k];
        for (var r = 0; r < test.RowCount; r++)
        {
            Assert.Equal(predictions[r], model.Predict(test.Row(r), p));
            for (var j = 0; j < k; j++)
                Assert.True(Math.Abs(probabilities[r * k + j] - p[j]) <= 1e-5, $"{name} row {r} P[{j}]: expected {probabilities[r * k + j]:R}, got {p[j]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(NaiveBayesNames))]
    public void GaussianNaiveBayesMatchesSklearn(string name)
    {
        var c = Golden.Case("naive_bayes.json", name);
        var (x, y, test, _) = GoldenData.Load("naive_bayes.json", c.GetProperty("dataset").GetString()!);
        var model = GaussianNaiveBayes.Fit(x, y);
        var k = c.Int("classCount");
        var theta = c.Doubles("theta");
        var variance = c.Doubles("var");
        for (var i = 0; i < theta.Length; i++)
        {
            Golden.Close(theta[i], model.Means[i], 1e-9, 1e-6, $"{name} theta[{i}]");
            Golden.Close(variance[i], model.Variances[i], 1e-7, 1e-9, $"{name} var[{i}]");
        }
        var jll = c.Doubles("jointLogLikelihood");
        var probabilities = c.Doubles("probabilities");
        var predictions = c.Ints("predictions");
        var d = new double[k];
        var p = new float[k];
        for (var r = 0; r < test.RowCount; r++)
        {
            model.JointLogLikelihood(test.Row(r), d);
            for (var j = 0; j < k; j++) Golden.Close(jll[r * k + j], d[j], 1e-7, 1, $"{name} row {r} jll[{j}]");
            Assert.Equal(predictions[r], model.Predict(test.Row(r), p));
            for (var j = 0; j < k; j++)
                Assert.True(Math.Abs(probabilities[r * k + j] - p[j]) <= 1e-6, $"{name} row {r} P[{j}]: expected {probabilities[r * k + j]:R}, got {p[j]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(ForestNames))]
    public void ForestAccuracyIsComparableToSklearn(string name)
    {
        var c = Golden.Case("forest.json", name);
        var (x, y, test, testY) = GoldenData.Load("forest.json", c.GetProperty("dataset").GetString()!);
        var depth = c.GetProperty("maxDepth");
        int? maxDepth = depth.ValueKind == System.Text.Json.JsonValueKind.Null ? null : depth.GetInt32();
        double accuracy = 0;
        for (var seed = 0; seed < 3; seed++)
        {
            var model = RandomForest.Fit(x, y, new RandomForestOptions { MaxDepth = maxDepth, Seed = seed }, TestContext.Current.CancellationToken);
            var correct = 0;
            for (var r = 0; r < test.RowCount; r++) correct += model.Predict(test.Row(r), Span<float>.Empty) == testY![r] ? 1 : 0;
            accuracy += (double)correct / test.RowCount / 3;
        }
        var sklearn = c.Double("sklearnAccuracy");
        Assert.True(Math.Abs(accuracy - sklearn) <= 0.03, $"{name}: accuracy {accuracy:F4}, sklearn {sklearn:F4}");
    }
}
