using SemgKit.Learning.Metrics;

namespace SemgKit.Learning.Tests.Metrics;

public class MyoelectricMetricsTests
{
    [Fact]
    public void MatchesLibEmgDefinitionsOnAWorkedExample()
    {
        // truth:     0 0 1 1 1 2 2 2
        // predicted: 0 1 1 0 1 2 -1 1   (rest = 0, -1 = rejected)
        int[] truth = [0, 0, 1, 1, 1, 2, 2, 2];
        int[] predicted = [0, 1, 1, 0, 1, 2, -1, 1];
        var m = MyoelectricMetrics.Compute(truth, predicted, restClass: 0);
        // active (not rest, not rejected) predictions: 1 1 1 2 1 at truth 0 1 1 2 2 -> wrong: index1 (1 vs 0), index7 (1 vs 2) -> 2/5
        Assert.Equal(2 / 5.0, m.ActiveError, 12);
        // prediction changes: 0->1,1->0,0->1,1->2,2->-1,-1->1 = 6 ; truth changes: 2 -> (6-2)/8
        Assert.Equal(4 / 8.0, m.Instability, 12);
        Assert.Equal(1 / 8.0, m.RejectionRate, 12);
    }

    [Fact]
    public void PerfectSteadyDecisionsHaveNoErrorOrInstability()
    {
        int[] truth = [0, 0, 2, 2, 2, 1];
        var m = MyoelectricMetrics.Compute(truth, truth, 0);
        Assert.Equal(0, m.ActiveError);
        Assert.Equal(0, m.Instability);
        Assert.Equal(0, m.RejectionRate);
    }
}
