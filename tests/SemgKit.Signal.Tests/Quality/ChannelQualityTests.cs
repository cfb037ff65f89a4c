using SemgKit.Signal.Quality;

namespace SemgKit.Signal.Tests.Quality;

public class ChannelQualityTests
{
    private const double Fs = 1000;

    private static float[] Noise(int seed, int n, double sd = 1)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller: Gaussian noise (white, so the 20–500 Hz band is evenly filled).
            var u1 = 1 - rng.NextDouble();
            var u2 = rng.NextDouble();
            x[i] = (float)(sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return x;
    }

    [Fact]
    public void WhiteNoiseIsClean()
    {
        var r = ChannelQuality.Measure(Noise(1, 5000), Fs);
        Assert.Equal(0, r.NonFiniteCount);
        Assert.Equal(0, r.ClippedFraction);
        Assert.Equal(0, r.FlatLineFraction);
        Assert.InRange(r.Rms, 0.95, 1.05);
        Assert.InRange(r.Mean, -0.05, 0.05);
        // 9 (or 8) harmonics × 3 bins of 481 in-band bins.
        Assert.InRange(r.PowerLineRatio50Hz, 0.03, 0.09);
        Assert.InRange(r.PowerLineRatio60Hz, 0.03, 0.09);
    }

    [Fact]
    public void FiftyHertzInterferenceGivesAHighFiftyHertzRatio()
    {
        var x = Noise(2, 5000, 0.2);
        for (var i = 0; i < x.Length; i++)
            x[i] += (float)(2 * Math.Sin(2 * Math.PI * 50 * i / Fs));
        var r = ChannelQuality.Measure(x, Fs);
        Assert.True(r.PowerLineRatio50Hz > 0.95, $"50 Hz ratio {r.PowerLineRatio50Hz}");
        Assert.True(r.PowerLineRatio60Hz < 0.05, $"60 Hz ratio {r.PowerLineRatio60Hz}");
    }

    [Fact]
    public void ClippedSineReportsItsClippedFraction()
    {
        // A 7 Hz sine of amplitude 1 clipped at ±0.8: |sin| ≥ 0.8 for 1 − (2/π)·asin(0.8) ≈ 41 % of the time.
        var x = new float[4000];
        for (var i = 0; i < x.Length; i++)
            x[i] = (float)Math.Clamp(Math.Sin(2 * Math.PI * 7 * i / Fs), -0.8, 0.8);
        var expected = 1 - 2 / Math.PI * Math.Asin(0.8);
        Assert.InRange(ChannelQuality.Measure(x, Fs).ClippedFraction, expected - 0.01, expected + 0.01);
        Assert.InRange(ChannelQuality.Measure(x, Fs, clipLevel: 0.8).ClippedFraction, expected - 0.01, expected + 0.01);
        Assert.Equal(0, ChannelQuality.Measure(Noise(3, 4000), Fs, clipLevel: 10).ClippedFraction);
    }

    [Fact]
    public void FlatSegmentsOfFiftyMsOrMoreCount()
    {
        var x = Noise(4, 2000);
        x.AsSpan(100, 200).Fill(3f);   // 200 ms flat: counts
        x.AsSpan(1000, 49).Fill(-2f);  // 49 ms: below the 50-sample minimum
        Assert.Equal(200.0 / 2000, ChannelQuality.Measure(x, Fs).FlatLineFraction, 12);
        x.AsSpan(1000, 50).Fill(-2f);
        Assert.Equal(250.0 / 2000, ChannelQuality.Measure(x, Fs).FlatLineFraction, 12);
    }

    [Fact]
    public void NonFiniteSamplesAreCountedAndIgnored()
    {
        float[] x = [1f, float.NaN, -1f, float.PositiveInfinity, 3f];
        var r = ChannelQuality.Measure(x, Fs);
        Assert.Equal(2, r.NonFiniteCount);
        Assert.Equal(1.0, r.Mean, 12);
        Assert.Equal(-1.0, r.Min);
        Assert.Equal(3.0, r.Max);
        Assert.Equal(Math.Sqrt(11.0 / 3), r.Rms, 12);
        var all = ChannelQuality.Measure([float.NaN, float.NaN], Fs);
        Assert.True(double.IsNaN(all.Mean) && double.IsNaN(all.Rms) && double.IsNaN(all.PowerLineRatio50Hz));
        var noisy = Noise(5, 3000);
        noisy[1500] = float.NaN;
        Assert.False(double.IsNaN(ChannelQuality.Measure(noisy, Fs).PowerLineRatio50Hz));
    }
}
