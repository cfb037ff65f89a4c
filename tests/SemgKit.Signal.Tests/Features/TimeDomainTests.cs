using SemgKit.Signal.Features;

namespace SemgKit.Signal.Tests.Features;

/// <summary>Each vectorised kernel against a naive reference at every length 1..64 (covers the vector tails).</summary>
public class TimeDomainTests
{
    private static float[] Signal(Random rng, int n, bool withZerosAndFlats)
    {
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
            if (withZerosAndFlats && rng.Next(5) == 0)
                x[i] = 0;
            if (withZerosAndFlats && i > 0 && rng.Next(6) == 0)
                x[i] = x[i - 1];
        }
        return x;
    }

    [Fact]
    public void KernelsMatchNaiveReferencesAtEveryLength()
    {
        var rng = new Random(42);
        for (var n = 1; n <= 64; n++)
        {
            for (var trial = 0; trial < 4; trial++)
            {
                var x = Signal(rng, n, trial % 2 == 1);
                var zcT = trial < 2 ? 0f : (float)rng.NextDouble() * 0.5f;
                var sscT = trial < 2 ? 0f : (float)rng.NextDouble() * 0.1f;

                double mav = 0, sq = 0, wl = 0;
                int zc = 0, ssc = 0;
                for (var i = 0; i < n; i++)
                {
                    mav += Math.Abs(x[i]);
                    sq += (double)x[i] * x[i];
                }
                for (var i = 0; i + 1 < n; i++)
                {
                    wl += Math.Abs(x[i + 1] - x[i]);
                    if (x[i] * (double)x[i + 1] < 0 && MathF.Abs(x[i] - x[i + 1]) >= zcT)
                        zc++;
                }
                for (var i = 1; i + 1 < n; i++)
                {
                    if ((x[i] - x[i - 1]) * (x[i] - x[i + 1]) >= sscT)
                        ssc++;
                }
                Close(mav / n, TimeDomain.MeanAbsoluteValue(x), $"MAV n={n}");
                Close(Math.Sqrt(sq / n), TimeDomain.RootMeanSquare(x), $"RMS n={n}");
                Close(wl, TimeDomain.WaveformLength(x), $"WL n={n}");
                Assert.Equal(zc, TimeDomain.ZeroCrossings(x, zcT));
                Assert.Equal(ssc, TimeDomain.SlopeSignChanges(x, sscT));
                if (n >= 2)
                    Close(sq / (n - 1), TimeDomain.Variance(x), $"VAR n={n}");
            }
        }
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.Throws<ArgumentException>(() => TimeDomain.MeanAbsoluteValue([]));
        Assert.Throws<ArgumentException>(() => TimeDomain.Variance([1f]));
        Assert.Equal(0, TimeDomain.WaveformLength([3f]));
        Assert.Equal(0, TimeDomain.ZeroCrossings([1f], 0));
        Assert.Equal(0, TimeDomain.SlopeSignChanges([1f, 2f], 0));
        Assert.Equal(0, TimeDomain.ZeroCrossings([1f, 0f, -1f], 0));  // a sample at exactly 0 is not a crossing
        Assert.Equal(1, TimeDomain.ZeroCrossings([1f, -1f], 2f));     // |diff| = 2 ≥ 2
        Assert.Equal(0, TimeDomain.ZeroCrossings([1f, -1f], 2.5f));
        Assert.Equal(1, TimeDomain.SlopeSignChanges([0f, 1f, 0f], 1f)); // (1−0)(1−0) = 1 ≥ 1
        Assert.Equal(1, TimeDomain.SlopeSignChanges([1f, 1f, 1f], 0f)); // flat steps count at threshold 0 (LibEMG)
        Assert.Equal(1e-30f * 0 + 1, TimeDomain.ZeroCrossings([1e-30f, -1e-30f], 0)); // no underflow of the product
    }

    private static void Close(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
