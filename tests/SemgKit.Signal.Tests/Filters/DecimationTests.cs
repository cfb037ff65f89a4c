using SemgKit.Signal.Filters;

namespace SemgKit.Signal.Tests.Filters;

public class DecimationTests
{
    private static float[] Tone(double hz, double fs, int n) =>
        [.. Enumerable.Range(0, n).Select(i => (float)Math.Sin(2 * Math.PI * hz * i / fs))];

    private static double Rms(ReadOnlySpan<float> x, int skip)
    {
        double s = 0;
        for (int i = skip; i < x.Length - skip; i++) s += x[i] * (double)x[i];
        return Math.Sqrt(s / (x.Length - 2 * skip));
    }

    [Fact]
    public void KeepsTheBandBelowTheNewNyquistAndTakesEveryQthSample()
    {
        const double fs = 2000;
        var x = Tone(100, fs, 4001);
        var y = Decimation.Apply(x, 2);
        Assert.Equal(2001, y.Length);
        // zero phase: the 100 Hz tone comes through in phase with unit gain (order-8 cut-off at 400 Hz)
        for (int i = 100; i < y.Length - 100; i++) Assert.Equal(x[2 * i], y[i], 3);
    }

    [Fact]
    public void RemovesWhatWouldAlias()
    {
        const double fs = 2000;
        var y = Decimation.Apply(Tone(700, fs, 4000), 2); // would fold to 300 Hz at 1000 Hz
        Assert.True(Rms(y, 100) < 0.01 * Math.Sqrt(0.5), $"residual RMS {Rms(y, 100)}");
        var third = Decimation.Apply(Tone(50, 3000, 3000), 3);
        Assert.Equal(1000, third.Length);
        Assert.Equal(Math.Sqrt(0.5), Rms(third, 50), 2);
    }

    [Fact]
    public void FactorOneCopiesAndBadArgumentsThrow()
    {
        var x = Tone(10, 1000, 100);
        Assert.Equal(x, Decimation.Apply(x, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Decimation.Apply(x, 0));
        Assert.Throws<ArgumentException>(() => Decimation.Apply(x.AsSpan(0, 20), 2));
    }
}
