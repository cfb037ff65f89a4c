using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;

namespace SemgKit.Pipeline.Tests.Encoders;

public class WindowLabelerTests
{
    private const int None = Recording.NoLabel;

    private static int Label(int[] labels, WindowLabelRule rule, double purity = 1.0) =>
        WindowLabeler.Label(labels, rule, purity, new int[4]);

    [Fact]
    public void ModeTakesTheMostFrequentLabelTiesToTheSmallerClassAndUnlabelledSamplesDoNotVote()
    {
        Assert.Equal(2, Label([2, 2, 1, 0, 2], WindowLabelRule.Mode));
        Assert.Equal(1, Label([3, 1, 3, 1], WindowLabelRule.Mode)); // tie 1 vs 3
        Assert.Equal(3, Label([None, None, None, 3], WindowLabelRule.Mode)); // 3 unlabelled samples do not outvote one labelled
        Assert.Equal(None, Label([None, None], WindowLabelRule.Mode));
        Assert.Equal(None, Label([], WindowLabelRule.Mode));
    }

    [Fact]
    public void LastTakesTheLastSamplesLabelEvenWhenItIsUnlabelled()
    {
        Assert.Equal(0, Label([2, 2, 2, 0], WindowLabelRule.Last));
        Assert.Equal(None, Label([2, 2, None], WindowLabelRule.Last));
    }

    [Fact]
    public void PureKeepsTheMajorityOnlyWhenItCoversThePurityFractionOfTheWindow()
    {
        int[] window = [1, 1, 1, 1, 1, 1, 1, 1, 2, None]; // 80 % class 1, 10 % class 2, 10 % unlabelled
        Assert.Equal(None, Label(window, WindowLabelRule.Pure)); // default purity 1: only whole windows
        Assert.Equal(1, Label(window, WindowLabelRule.Pure, 0.8)); // exactly at the threshold: kept
        Assert.Equal(None, Label(window, WindowLabelRule.Pure, 0.81));
        Assert.Equal(2, Label([2, 2, 2], WindowLabelRule.Pure));
        Assert.Equal(None, Label([None, None, None], WindowLabelRule.Pure, 0.5));
    }

    [Fact]
    public void TheEncoderDropsTheMixedWindowsOfATransitionOnlyUnderThePureRule()
    {
        // one channel, 1 kHz: class 0 for 500 samples, then class 1; 100-sample windows every 50 samples, no warm-up
        var samples = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i * 0.7) * (i < 500 ? 1f : 2f)).ToArray();
        var labels = Enumerable.Range(0, 1000).Select(i => i < 500 ? 0 : 1).ToArray();
        var recording = new Recording(samples, 1000, ["a"], labels, new RecordingMetadata("x.csv", "s01"));
        WindowedFeatures Encode(WindowLabelRule rule, double purity) =>
            new FeatureWindowEncoder(new FeatureEncoderOptions { Features = "MAV", WindowMs = 100, StepMs = 50, WarmupMs = 0, LabelRule = rule, LabelPurity = purity },
                1000, 1, 2).EncodeAll([recording], TestContext.Current.CancellationToken);
        var mode = Encode(WindowLabelRule.Mode, 1);
        var last = Encode(WindowLabelRule.Last, 1);
        var pure = Encode(WindowLabelRule.Pure, 1);
        var pure60 = Encode(WindowLabelRule.Pure, 0.6);
        Assert.Equal(19, mode.Count); // starts 0, 50, …, 900
        Assert.Equal(19, last.Count);
        Assert.Equal(18, pure.Count); // the window at 450 (half and half) is dropped
        Assert.Equal(18, pure60.Count); // 50 % < 60 %
        // the window starting at 450 holds 50 samples of each class: mode ties to 0, the last sample is 1
        Assert.Equal(0, mode.Labels[9]);
        Assert.Equal(1, last.Labels[9]);
        Assert.Equal([.. Enumerable.Repeat(0, 9), .. Enumerable.Repeat(1, 9)], pure.Labels.ToArray());
    }
}
