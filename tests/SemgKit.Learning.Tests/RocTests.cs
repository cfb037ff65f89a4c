using SemgKit.Learning.Metrics;

namespace SemgKit.Learning.Tests;

public class RocTests
{
    public static TheoryData<string> Names => Golden.CaseNames("roc.json");

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesSklearnRocCurveAndAuc(string name)
    {
        var c = Golden.Case("roc.json", name);
        var k = c.Int("classCount");
        var roc = RocCurve.OneVsRest(c.Floats("scores"), c.Ints("truth"), k);
        var curves = c.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(k, roc.Curves.Count);
        for (var i = 0; i < k; i++)
        {
            var e = curves[i];
            var ours = roc.Curves[i];
            AssertAll(e.Doubles("fpr"), ours.FalsePositiveRates.ToArray(), $"class {i} fpr");
            AssertAll(e.Doubles("tpr"), ours.TruePositiveRates.ToArray(), $"class {i} tpr");
            AssertAll(e.Doubles("thresholds"), ours.Thresholds.ToArray(), $"class {i} thresholds");
            Golden.Close(e.Double("auc"), ours.Auc, 1e-9, 1, $"class {i} auc");
        }
        Golden.Close(c.Double("macroAuc"), roc.MacroAuc, 1e-9, 1, "macro auc");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++) Golden.Close(expected[i], actual[i], 1e-9, 1, $"{what}[{i}]");
    }

    [Fact]
    public void ClassWithoutPositivesHasNaNAucAndIsSkippedInMacro()
    {
        float[] scores = [0.9f, 0.1f, 0f, 0.2f, 0.8f, 0f, 0.6f, 0.4f, 0f, 0.3f, 0.7f, 0f];
        int[] truth = [0, 1, 0, 1];
        var roc = RocCurve.OneVsRest(scores, truth, 3);
        Assert.True(double.IsNaN(roc.Curves[2].Auc));
        Assert.All(roc.Curves[2].TruePositiveRates.ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(0, roc.Curves[2].PositiveCount);
        Assert.Equal(1.0, roc.Curves[0].Auc);
        Assert.Equal(1.0, roc.Curves[1].Auc);
        Assert.Equal(1.0, roc.MacroAuc);
    }

    [Fact]
    public void BinaryPerfectAndReversedScores()
    {
        var perfect = RocCurve.Binary([0.1f, 0.4f, 0.35f, 0.8f], [false, false, true, true]);
        Assert.Equal(0.75, perfect.Auc, 12);
        Assert.Equal(new[] { 0, 0, 0.5, 0.5, 1 }, perfect.FalsePositiveRates.ToArray());
        Assert.Equal(new[] { 0, 0.5, 0.5, 1, 1 }, perfect.TruePositiveRates.ToArray());
    }
}
