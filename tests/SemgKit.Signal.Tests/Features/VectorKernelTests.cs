using SemgKit.Signal.Features;

namespace SemgKit.Signal.Tests.Features;

/// <summary>The vectorised kernels added for LibEMG's features against naive references at every length 1..64.</summary>
public class VectorKernelTests
{
    private static float[] Signal(Random rng, int n, bool integers) => FeatureTestData.RandomSignal(rng, n, integers ? 6 : null);

    [Fact]
    public void WillisonAmplitudeMatchesNaiveAtEveryLength()
    {
        var rng = new Random(3);
        for (var n = 1; n <= 64; n++)
        {
            var x = Signal(rng, n, n % 2 == 0);
            var threshold = (float)rng.NextDouble();
            var naive = 0;
            for (var i = 0; i + 1 < n; i++)
                if (Math.Abs(x[i + 1] - x[i]) > threshold)
                    naive++;
            Assert.Equal(naive, TimeDomain.WillisonAmplitude(x, threshold));
        }
    }

    /// <summary>LibEMG's SAMPEN loop (one template against all), with the sample SD.</summary>
    private static double NaiveSampleEntropy(float[] x, int m, double r)
    {
        int n = x.Length;
        double mean = x.Average(v => (double)v), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var results = new double[2];
        for (var j = 0; j < 2; j++)
        {
            var q = m + j;
            double total = 0;
            for (var k = 0; k < n - q; k++)
            {
                var count = -1; // self
                for (var other = 0; other <= n - q; other++)
                {
                    double d = 0;
                    for (var t = 0; t < q; t++)
                        d = Math.Max(d, Math.Abs(x[k + t] - x[other + t]));
                    if (d <= r * sd)
                        count++;
                }
                total += count / (double)(n - m - 1);
            }
            results[j] = total / (n - q);
        }
        return Math.Log((results[0] + 2.220446049250313e-16) / (results[1] + 2.220446049250313e-16));
    }

    /// <summary>LibEMG's FUZZYEN loop (template means removed, exp(−dⁿ/r)), with r·(sample SD), or the absolute width when given.</summary>
    private static double NaiveFuzzyEntropy(float[] x, int m, double r, int power, double? widthSignalUnits = null)
    {
        int n = x.Length;
        double mean = x.Average(v => (double)v), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var tol = widthSignalUnits ?? r * sd;
        var results = new double[2];
        for (var j = 0; j < 2; j++)
        {
            var q = m + j;
            double Mean(int i) => Enumerable.Range(0, q).Average(t => (double)x[i + t]);
            double phi = 0;
            for (var k = 0; k < n - q; k++)
            {
                double s = -1, mk = Mean(k);
                for (var other = 0; other <= n - q; other++)
                {
                    double d = 0, mo = Mean(other);
                    for (var t = 0; t < q; t++)
                        d = Math.Max(d, Math.Abs(x[k + t] - mk - (x[other + t] - mo)));
                    s += tol == 0 ? 1 : Math.Exp(-Math.Pow(d, power) / tol);
                }
                phi += s / (n - q - 1);
            }
            results[j] = phi / (n - q);
        }
        return Math.Log((results[0] + 2.220446049250313e-16) / (results[1] + 2.220446049250313e-16));
    }

    [Fact]
    public void SampleEntropyMatchesNaiveAtEveryLength()
    {
        var rng = new Random(11);
        for (var n = 5; n <= 64; n++)
        {
            foreach (var m in new[] { 1, 2, 3 })
            {
                if (n < m + 3)
                    continue;
                var x = Signal(rng, n, integers: n % 3 == 0);
                var expected = NaiveSampleEntropy(x, m, 0.3);
                var actual = Entropy.SampleEntropy(x, m, 0.3f);
                Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"n={n} m={m}: naive {expected}, ours {actual}");
            }
        }
        Assert.Throws<ArgumentException>(() => Entropy.SampleEntropy([1f, 2f, 3f, 4f], 2, 0.3f));
    }

    [Fact]
    public void FuzzyEntropyMatchesNaiveAtEveryLength()
    {
        var rng = new Random(12);
        for (var n = 5; n <= 64; n++)
        {
            foreach (var (m, power) in new[] { (1, 2), (2, 2), (2, 1), (3, 3) })
            {
                if (n < m + 3)
                    continue;
                var x = Signal(rng, n, integers: n % 3 == 0);
                var expected = NaiveFuzzyEntropy(x, m, 0.3, power);
                var actual = Entropy.FuzzyEntropy(x, m, 0.3f, power);
                Assert.True(Math.Abs(expected - actual) <= 2e-4 * Math.Max(1, Math.Abs(expected)), $"n={n} m={m} n={power}: naive {expected}, ours {actual}");
                var width = 0.1 + 3 * rng.NextDouble();
                expected = NaiveFuzzyEntropy(x, m, 0, power, width);
                actual = Entropy.FuzzyEntropyAbsolute(x, m, width, power);
                Assert.True(Math.Abs(expected - actual) <= 2e-4 * Math.Max(1, Math.Abs(expected)), $"n={n} m={m} n={power} width={width}: naive {expected}, ours {actual}");
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.FuzzyEntropyAbsolute(new float[10], 2, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FuzzyEntropy(referenceStandardDeviation: double.NaN));
    }

    [Fact]
    public void PowerSpectrumMatchesNaiveDft()
    {
        var rng = new Random(5);
        var spectrum = new PowerSpectrum();
        for (var n = 1; n <= 64; n++)
        {
            var x = Signal(rng, n, false);
            spectrum.Compute(x);
            var l = PowerSpectrum.NextPowerOfTwo(n);
            Assert.Equal(l, spectrum.FftLength);
            for (var k = 0; k < spectrum.Power.Length; k++)
            {
                double re = 0, im = 0;
                for (var i = 0; i < n; i++)
                {
                    re += x[i] * Math.Cos(2 * Math.PI * k * i / l);
                    im -= x[i] * Math.Sin(2 * Math.PI * k * i / l);
                }
                var expected = (re * re + im * im) / ((double)n * n);
                Assert.True(Math.Abs(expected - spectrum.Power[k]) <= 1e-9 * Math.Max(1, expected), $"n={n} k={k}");
            }
        }
    }
}
