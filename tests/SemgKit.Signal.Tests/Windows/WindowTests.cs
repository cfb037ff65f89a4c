using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Tests.Windows;

public class WindowTests
{
    [Fact]
    public void CountMatchesEnumeratingWholeWindows()
    {
        var rng = new Random(9);
        for (var trial = 0; trial < 2000; trial++)
        {
            var n = rng.Next(0, 300);
            var len = rng.Next(1, 80);
            var step = rng.Next(1, 40);
            var expected = 0;
            for (var start = 0; start + len <= n; start += step)
            {
                Assert.Equal(start, SlidingWindows.Start(expected, step));
                expected++;
            }
            Assert.Equal(expected, SlidingWindows.Count(n, len, step));
        }
        Assert.Equal(13, SlidingWindows.Count(500, 200, 25)); // the LibEMG Myo reference: 500 samples
        Assert.Equal(12, SlidingWindows.Count(499, 200, 25));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.Count(10, 0, 1));
    }

    [Theory]
    [InlineData(200, 1000, 200)]
    [InlineData(150, 200, 30)]
    [InlineData(12.5, 200, 3)]    // 2.5 samples: halves round away from zero
    [InlineData(100, 30, 3)]      // 3.0000000000000004 snaps to 3
    [InlineData(250, 2048, 512)]
    [InlineData(1.2, 1000, 1)]
    public void SamplesFromMsRoundsToNearestHalvesAwayFromZero(double ms, double fs, int expected) =>
        Assert.Equal(expected, SlidingWindows.SamplesFromMs(ms, fs));

    [Fact]
    public void SamplesFromMsRejectsLessThanOneSample() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.SamplesFromMs(0.1, 1000));

    [Fact]
    public void MultiChannelWindowSlicesChannelMajorBuffers()
    {
        var buffer = Enumerable.Range(0, 30).Select(i => (float)i).ToArray(); // 3 channels × 10
        var w = new MultiChannelWindow(buffer, 3, 10, 4, 5);
        Assert.Equal([14f, 15f, 16f, 17f, 18f], w.Channel(1).ToArray());
        Assert.Equal([24f, 25f, 26f, 27f, 28f], w.Channel(2).ToArray());
        Assert.Equal(10, MultiChannelWindow.OverBlock(buffer, 3).LengthSamples);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiChannelWindow(buffer, 3, 10, 6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiChannelWindow(buffer, 4, 10, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiChannelWindow(buffer, 3, 10, 0, 5).Channel(3));
    }
}
