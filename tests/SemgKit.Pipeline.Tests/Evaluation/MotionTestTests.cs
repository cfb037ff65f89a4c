using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Tests.Models;

namespace SemgKit.Pipeline.Tests.Evaluation;

public class MotionTestTests
{
    [Fact]
    public void SyntheticMotionsAreSelectedAndCompleted()
    {
        var data = TrainedModels.Data.Where(r => r.Metadata.Trial == 3);
        var r = MotionTest.Run(TrainedModels.Lda, data, null, TestContext.Current.CancellationToken);
        Assert.Equal(3, r.Classes.Count);                         // the three movements; rest is not a motion
        Assert.Equal(3, r.Trials.Count);
        Assert.All(r.Trials, t =>
        {
            Assert.NotNull(t.SelectionSeconds);
            Assert.InRange(t.SelectionSeconds!.Value, 0.0, 5.0);
            if (t.CompletionSeconds is { } c)
            {
                Assert.True(c >= t.SelectionSeconds);
                Assert.True(c >= 19 * 0.05);                       // 20 decisions, 50 ms apart
            }
            Assert.InRange(t.Correct, 1, t.Decisions);
        });
        Assert.InRange(r.Overall.CompletionRate, 0.5, 1.0);
        Assert.InRange(r.Overall.RealTimeAccuracy, 0.5, 1.0);
        Assert.Equal(r.Overall.Trials, r.Classes.Sum(c => c.Trials));

        var again = MotionTest.Run(TrainedModels.Lda, data, null, TestContext.Current.CancellationToken);
        Assert.Equal(r.Trials, again.Trials);

        using var dir = new TestSupport.TempDirectory();
        var written = MotionTestReport.WriteAll(r, dir.Path);
        Assert.Contains("| hand-open |", File.ReadAllText(written[1]));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(written[0]));
        Assert.Equal(3, json.RootElement.GetProperty("classes").GetArrayLength());
    }

    [Fact]
    public void ATimeoutShorterThanTwentyDecisionsCompletesNothing()
    {
        var data = TrainedModels.Data.Where(r => r.Metadata.Trial == 3);
        var r = MotionTest.Run(TrainedModels.Lda, data, new MotionTestOptions { TimeoutSeconds = 0.5 }, TestContext.Current.CancellationToken);
        Assert.Equal(0, r.Overall.Completed);
        Assert.True(double.IsNaN(r.Overall.CompletionSeconds));
    }
}
