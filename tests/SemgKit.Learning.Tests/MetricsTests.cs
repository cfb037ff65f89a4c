using FsCheck;
using FsCheck.Fluent;
using SemgKit.Learning.Metrics;

namespace SemgKit.Learning.Tests;

public class MetricsTests
{
    public static TheoryData<string> Names => Golden.CaseNames("metrics.json");

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesSklearn(string name)
    {
        var c = Golden.Case("metrics.json", name);
        var k = c.Int("classCount");
        var r = ClassificationMetrics.Compute(c.Ints("truth"), c.Ints("predicted"), k);
        const double tol = 1e-9;
        Golden.Close(c.Double("accuracy"), r.Accuracy, tol, 1, "accuracy");
        Golden.Close(c.Double("balancedAccuracy"), r.BalancedAccuracy, tol, 1, "balanced accuracy");
        Golden.Close(c.Double("macroPrecision"), r.MacroPrecision, tol, 1, "macro precision");
        Golden.Close(c.Double("macroRecall"), r.MacroRecall, tol, 1, "macro recall");
        Golden.Close(c.Double("macroF1"), r.MacroF1, tol, 1, "macro F1");
        Golden.Close(c.Double("weightedPrecision"), r.WeightedPrecision, tol, 1, "weighted precision");
        Golden.Close(c.Double("weightedRecall"), r.WeightedRecall, tol, 1, "weighted recall");
        Golden.Close(c.Double("weightedF1"), r.WeightedF1, tol, 1, "weighted F1");
        Golden.Close(c.Double("kappa"), r.CohenKappa, tol, 1, "kappa");
        var (p, rc, f1, sp, support) = (c.Doubles("precision"), c.Doubles("recall"), c.Doubles("f1"), c.Doubles("specificity"), c.Ints("support"));
        for (var i = 0; i < k; i++)
        {
            var m = r.PerClass[i];
            Assert.Equal(i, m.ClassIndex);
            Golden.Close(p[i], m.Precision, tol, 1, $"precision[{i}]");
            Golden.Close(rc[i], m.Recall, tol, 1, $"recall[{i}]");
            Golden.Close(f1[i], m.F1, tol, 1, $"f1[{i}]");
            Golden.Close(sp[i], m.Specificity, tol, 1, $"specificity[{i}]");
            Assert.Equal(support[i], m.Support);
        }
        Assert.Equal(c.Ints("confusion"), r.Confusion.Counts.ToArray());
    }

    [Fact]
    public void ConfusionMatrixSumsToNAndRowSumsAreSupports()
    {
        var gen =
            from k in Gen.Choose(1, 7)
            from n in Gen.Choose(1, 60)
            from truth in Gen.ArrayOf(Gen.Choose(0, k - 1), n)
            from predicted in Gen.ArrayOf(Gen.Choose(0, k - 1), n)
            select (k, truth, predicted);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (k, truth, predicted) = t;
            var r = ClassificationMetrics.Compute(truth, predicted, k);
            var cm = r.Confusion;
            var ok = cm.Total == truth.Length && cm.Counts.ToArray().Sum() == truth.Length;
            var normalised = cm.RowNormalised();
            for (var c = 0; c < k; c++)
            {
                ok &= cm.RowSum(c) == truth.Count(v => v == c) && r.PerClass[c].Support == cm.RowSum(c);
                ok &= cm.ColumnSum(c) == predicted.Count(v => v == c);
                var rowTotal = Enumerable.Range(0, k).Sum(p => normalised[c, p]);
                ok &= cm.RowSum(c) == 0 ? rowTotal == 0 : Math.Abs(rowTotal - 1) < 1e-12;
            }
            ok &= Math.Abs(r.WeightedRecall - r.Accuracy) < 1e-12;
            ok &= r.Accuracy >= 0 && r.Accuracy <= 1 && r.MacroF1 >= 0 && r.MacroF1 <= 1;
            return ok;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OutOfRangeLabelsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1, 2], [0, -1, 2], 3));
        Assert.Contains("predicted[1] = -1", e.Message);
        e = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 3, 2], [0, 1, 2], 3));
        Assert.Contains("truth[1] = 3", e.Message);
    }

    [Fact]
    public void KappaIsNaNWhenChanceAgreementIsOne()
    {
        var r = ClassificationMetrics.Compute([1, 1, 1], [1, 1, 1], 3);
        Assert.Equal(1.0, r.Accuracy);
        Assert.True(double.IsNaN(r.CohenKappa));
        Assert.Equal(1.0, r.MacroF1);
    }
}
