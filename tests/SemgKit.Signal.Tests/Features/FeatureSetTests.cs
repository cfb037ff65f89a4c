using System.Globalization;
using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;
using SemgKit.TestSupport;

namespace SemgKit.Signal.Tests.Features;

public class FeatureSetTests
{
    [Fact]
    public void HudginsColumnsAreChannelMajor()
    {
        var set = FeatureSet.Hudgins();
        Assert.Equal(8, set.ValuesPerWindow(2));
        Assert.Equal(["ch1.MAV", "ch1.WL", "ch1.ZC", "ch1.SSC", "ch2.MAV", "ch2.WL", "ch2.ZC", "ch2.SSC"], set.ColumnNames(2));
        Assert.Throws<ArgumentException>(() => new FeatureSet(new MeanAbsoluteValue(), new MeanAbsoluteValue()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroCrossings(-1));
    }

    [Fact]
    public void ExtractWritesEachChannelsFeaturesAndAllocatesNothing()
    {
        var rng = new Random(5);
        const int c = 3, t = 50;
        var buffer = new float[c * t];
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = (float)(rng.NextDouble() * 2 - 1);
        var set = new FeatureSet(new MeanAbsoluteValue(), new WaveformLength(), new ZeroCrossings(0.1f), new SlopeSignChanges(0.01f), new RootMeanSquare(), new Variance());
        var row = new float[set.ValuesPerWindow(c)];
        var window = new MultiChannelWindow(buffer, c, t, 10, 30);
        set.Extract(window, row);
        for (var ch = 0; ch < c; ch++)
        {
            var x = buffer.AsSpan(ch * t + 10, 30);
            // MAV, WL, RMS come from the fused one-pass kernel: equal up to float summation order; the counts exactly.
            Assert.Equal(TimeDomain.MeanAbsoluteValue(x), row[ch * 6], 1e-6 * TimeDomain.MeanAbsoluteValue(x));
            Assert.Equal(TimeDomain.WaveformLength(x), row[ch * 6 + 1], 1e-6 * TimeDomain.WaveformLength(x));
            Assert.Equal(TimeDomain.ZeroCrossings(x, 0.1f), row[ch * 6 + 2]);
            Assert.Equal(TimeDomain.SlopeSignChanges(x, 0.01f), row[ch * 6 + 3]);
            Assert.Equal(TimeDomain.RootMeanSquare(x), row[ch * 6 + 4], 1e-6 * TimeDomain.RootMeanSquare(x));
            Assert.Equal(TimeDomain.Variance(x), row[ch * 6 + 5], 1e-6 * TimeDomain.Variance(x)); // fused too
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
            set.Extract(new MultiChannelWindow(buffer, c, t, i, 30), row);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TdfdSetFromTheWindowWideKernelsEqualsEachFeatureAlone()
    {
        var rng = new Random(9);
        const int c = 9, t = 200; // 9 channels: a second, partly filled group of spectrum lanes
        var buffer = new float[c * t];
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = (float)(rng.NextDouble() * 2 - 1);
        var set = FeatureCatalog.Parse("TDFD", 1000);
        var row = new float[set.ValuesPerWindow(c)];
        var window = MultiChannelWindow.OverBlock(buffer, c);
        set.Extract(window, row);
        var alone = new float[1];
        for (var ch = 0; ch < c; ch++)
        {
            for (var f = 0; f < set.Features.Count; f++)
            {
                var feature = set.Features[f];
                feature.Extract(window.Channel(ch), alone);
                // fused sums (MAV RMS WL VAR) differ by float summation order; the spectral ones read the same spectrum
                Assert.True(Math.Abs(alone[0] - row[ch * 10 + f]) <= 1e-5 * Math.Abs(alone[0]) + 1e-6,
                    $"ch{ch + 1}.{feature.Code}: alone {alone[0]}, in the set {row[ch * 10 + f]}");
            }
        }
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("MAV,VAR").Extract(MultiChannelWindow.OverBlock(new float[2], 2), new float[4]));
        Assert.Equal(0, Allocations.Fewest(() => set.Extract(MultiChannelWindow.OverBlock(buffer, c), row)));
    }

    /// <summary>
    /// LibEMG's MATLAB reference values (../shared/golden/libemg-matlab, PROVENANCE.md there) on real Myo data,
    /// 200-sample windows, step 25, thresholds 0. The reference CSVs are rounded to about 5 significant digits,
    /// hence relative 1e-3 on the continuous features. Deliberate differences:
    /// VAR: ours is Phinyomark 2012's Σx²/(N−1); the MATLAB reference divides by N, so we compare ours·(N−1)/N.
    /// ZC and SSC use the same definitions as the reference (strict sign change; product ≥ 0) and match exactly.
    /// </summary>
    [Fact]
    public void MatchesLibEmgMatlabReference()
    {
        var dir = SharedData.RequireShared("golden/libemg-matlab");
        var frames = File.ReadAllLines(Path.Combine(dir, "emg_data_myo.csv")).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        int c = frames[0].Length, t = frames.Length;
        var channelMajor = new float[c * t];
        for (var i = 0; i < t; i++)
            for (var ch = 0; ch < c; ch++)
                channelMajor[ch * t + i] = frames[i][ch];

        var set = new FeatureSet(new MeanAbsoluteValue(), new ZeroCrossings(), new SlopeSignChanges(), new WaveformLength(), new RootMeanSquare(), new Variance());
        var windows = SlidingWindows.Count(t, 200, 25);
        Assert.Equal(13, windows);
        var matrix = new float[windows * set.ValuesPerWindow(c)];
        Assert.Equal(windows, set.ExtractWindows(channelMajor, c, 200, 25, matrix));

        string[] codes = ["MAV", "ZC", "SSC", "WL", "RMS", "VAR"];
        for (var f = 0; f < codes.Length; f++)
        {
            var expected = File.ReadAllLines(Path.Combine(dir, $"matlab_{codes[f]}.csv")).Where(l => l.Length > 0)
                .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            Assert.Equal(windows, expected.Length);
            for (var k = 0; k < windows; k++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    double ours = matrix[k * set.ValuesPerWindow(c) + ch * codes.Length + f];
                    if (codes[f] == "VAR")
                        ours *= 199.0 / 200.0; // deliberate: (N−1) vs N divisor
                    var exp = expected[k][ch];
                    var tol = codes[f] is "ZC" or "SSC" ? 0 : 1e-3 * Math.Abs(exp);
                    Assert.True(Math.Abs(ours - exp) <= tol, $"{codes[f]} window {k} ch{ch + 1}: MATLAB {exp}, ours {ours}");
                }
            }
        }
    }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void ExtractBatchGivesEveryThreadCountTheRowsOfExtract(int threads)
    {
        const int channels = 3, length = 64, windows = 37;
        var rng = new Random(7);
        var data = new float[windows * channels * length];
        for (var i = 0; i < data.Length; i++)
            data[i] = (float)(rng.NextDouble() * 2 - 1);
        var set = FeatureCatalog.Parse("MAV,WL,ZC:0.1,SSC,RMS,MNF,MDF,AR:4", 1000);
        var width = set.ValuesPerWindow(channels);
        var matrix = new float[windows * width];
        Assert.Equal(windows, set.ExtractBatch(data, channels, length, matrix, threads));
        var row = new float[width];
        for (var w = 0; w < windows; w++)
        {
            set.Extract(MultiChannelWindow.OverBlock(data.AsSpan(w * channels * length, channels * length), channels), row);
            Assert.Equal(row, matrix.AsSpan(w * width, width).ToArray());
        }
        Assert.Throws<ArgumentException>(() => set.ExtractBatch(data.AsMemory(1), channels, length, matrix, threads));
        Assert.Throws<ArgumentException>(() => set.ExtractBatch(data, channels, length, new float[width], threads));
    }
}
