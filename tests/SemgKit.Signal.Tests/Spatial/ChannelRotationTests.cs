using SemgKit.Signal.Spatial;

namespace SemgKit.Signal.Tests.Spatial;

public class ChannelRotationTests
{
    // per class, a bump of activity around the ring at a different electrode, plus a little seeded noise
    private static double[][] Patterns(int classes, int channels, int seed, double noise = 0.05)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, classes).Select(k => Enumerable.Range(0, channels).Select(c =>
        {
            int d = Math.Min(Math.Abs(c - 3 * k % channels), channels - Math.Abs(c - 3 * k % channels));
            return Math.Exp(-d * d / 2.0) + noise * (rng.NextDouble() - 0.5);
        }).ToArray()).ToArray();
    }

    // the armband turned by r: electrode (c + r) mod C now sees what electrode c saw
    private static double[] Rotate(double[] pattern, int r)
    {
        int n = pattern.Length;
        var moved = new double[n];
        for (int c = 0; c < n; c++) moved[(c + r) % n] = pattern[c];
        return moved;
    }

    [Theory]
    [InlineData(8, 5)]
    [InlineData(7, 3)]
    [InlineData(3, 1)]
    public void EveryRotationOfTheRingIsFoundAndUndone(int channels, int classes)
    {
        var reference = Patterns(classes, channels, seed: 1);
        var session = Patterns(classes, channels, seed: 2); // the same muscles, other noise
        for (int r = 0; r < channels; r++)
        {
            var calibration = session.Select(p => Rotate(p, r)).ToArray();
            Assert.Equal(r, ChannelRotation.Estimate(reference, calibration));
            var scores = ChannelRotation.Scores(reference, calibration);
            Assert.Equal(channels, scores.Length);
            Assert.True(scores[r] > 0.9, $"rotation {r}: match {scores[r]}");
            Assert.All(scores, s => Assert.InRange(s, -1 - 1e-9, 1 + 1e-9));
            var back = new double[channels];
            ChannelRotation.Undo<double>(calibration[0], r, back);
            Assert.Equal(session[0], back);
        }
    }

    [Fact]
    public void MissingClassesAreSkippedAndTiesKeepTheChannelsAsTheyAre()
    {
        var reference = Patterns(3, 8, seed: 3);
        var calibration = new[] { null, Rotate(Patterns(3, 8, seed: 4)[1], 6), null };
        Assert.Equal(6, ChannelRotation.Estimate(reference, calibration));
        double[] flat = [1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(0, ChannelRotation.Estimate([flat], [flat])); // nothing to tell rotations apart: none
    }

    [Fact]
    public void UndoWrapsNegativeAndLargeRotations()
    {
        int[] channels = [0, 1, 2, 3, 4];
        var out1 = new int[5];
        ChannelRotation.Undo<int>(channels, -1, out1);
        Assert.Equal([4, 0, 1, 2, 3], out1);
        ChannelRotation.Undo<int>(channels, 12, out1);
        Assert.Equal([2, 3, 4, 0, 1], out1);
        Assert.Throws<ArgumentException>(() => ChannelRotation.Undo<int>(channels, 1, new int[4]));
        Assert.Equal([1, 2, 3, 0], ChannelRotation.Order(4, 1));
        Assert.Equal([3, 0, 1, 2], ChannelRotation.Order(4, -5));
    }

    [Fact]
    public void BadPatternsAreRefused()
    {
        var p = Patterns(2, 8, seed: 5);
        Assert.Contains("2 reference classes but 1", Assert.Throws<ArgumentException>(() => ChannelRotation.Estimate(p, [p[0]])).Message);
        Assert.Contains("class 1", Assert.Throws<ArgumentException>(() => ChannelRotation.Estimate(p, [p[0], p[1][..7]])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => ChannelRotation.Estimate(p, [p[0], [.. p[1][..7], double.NaN]])).Message);
        Assert.Contains("No class", Assert.Throws<ArgumentException>(() => ChannelRotation.Estimate(p, [null, null])).Message);
        Assert.Contains("at least 3", Assert.Throws<ArgumentException>(() => ChannelRotation.Estimate([[1.0, 2.0]], [[2.0, 1.0]])).Message);
    }
}
