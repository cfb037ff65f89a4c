using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Tests.Features;

/// <summary>
/// The window-wide fast kernels <see cref="FeatureSet"/> uses (one-pass <see cref="FusedTimeDomain"/>, lane-parallel
/// <see cref="MultiChannelPowerSpectrum"/>) against naive references at odd sizes, thresholds, zeros and NaN.
/// </summary>
public class FusedKernelTests
{
    private static float[] Signal(Random rng, int n, bool integers) => FeatureTestData.RandomSignal(rng, n, integers ? 3 : null);

    /// <summary>The five definitions, term by term, in double.</summary>
    private static (double Abs, double Sq, double Wl, int Zc, int Ssc) Naive(float[] x, float zc, float ssc)
    {
        double abs = 0, sq = 0, wl = 0;
        int crossings = 0, slopes = 0;
        for (var i = 0; i < x.Length; i++)
        {
            abs += Math.Abs(x[i]);
            sq += (double)x[i] * x[i];
        }
        for (var i = 0; i + 1 < x.Length; i++)
        {
            wl += Math.Abs(x[i + 1] - x[i]);
            if (x[i] * x[i + 1] < 0 && Math.Abs(x[i] - x[i + 1]) >= zc)
                crossings++;
        }
        for (var i = 1; i + 1 < x.Length; i++)
            if ((x[i] - x[i - 1]) * (x[i] - x[i + 1]) >= ssc)
                slopes++;
        return (abs, sq, wl, crossings, slopes);
    }

    [Fact]
    public void FusedTimeDomainMatchesNaiveAtEveryLengthWithThresholdsAndZeros()
    {
        var rng = new Random(11);
        for (var n = 1; n <= 70; n++)
            foreach (var integers in new[] { false, true }) // integers: exact zeros and ties at the thresholds
            {
                var x = Signal(rng, n, integers);
                float zc = integers ? 2 : 0.3f, ssc = integers ? 1 : 0.05f;
                var expected = Naive(x, zc, ssc);
                var paths = new List<TimeDomainSums> { FusedTimeDomain.Compute(x, zc, ssc), FusedTimeDomain.ComputeScalar(x, zc, ssc) };
                if (System.Numerics.Vector.IsHardwareAccelerated && n >= System.Numerics.Vector<float>.Count + 2) paths.Add(FusedTimeDomain.ComputeVector(x, zc, ssc));
                if (n >= 18 && System.Runtime.Intrinsics.X86.Avx512F.IsSupported) paths.Add(FusedTimeDomain.ComputeVector512(x, zc, ssc));
                foreach (var got in paths)
                {
                    Assert.Equal(expected.Zc, got.ZeroCrossings);
                    Assert.Equal(expected.Ssc, got.SlopeSignChanges);
                    Assert.Equal(expected.Abs, got.SumOfMagnitudes, 1e-5 * (1 + expected.Abs));
                    Assert.Equal(expected.Sq, got.SumOfSquares, 1e-5 * (1 + expected.Sq));
                    Assert.Equal(expected.Wl, got.WaveformLength, 1e-5 * (1 + expected.Wl));
                }
            }
    }

    [Fact]
    public void FusedTimeDomainCountsTheSameAsTheSeparateKernels()
    {
        var rng = new Random(5);
        foreach (var n in new[] { 3, 17, 200, 257 })
        {
            var x = Signal(rng, n, false);
            var got = FusedTimeDomain.Compute(x, 0.1f, 0.01f);
            Assert.Equal(TimeDomain.ZeroCrossings(x, 0.1f), got.ZeroCrossings);
            Assert.Equal(TimeDomain.SlopeSignChanges(x, 0.01f), got.SlopeSignChanges);
        }
    }

    [Fact]
    public void FusedTimeDomainPropagatesNaNIntoTheSums()
    {
        var x = Signal(new Random(2), 40, false);
        x[23] = float.NaN;
        var got = FusedTimeDomain.Compute(x, 0, 0);
        Assert.True(float.IsNaN(got.SumOfMagnitudes) && float.IsNaN(got.SumOfSquares) && float.IsNaN(got.WaveformLength));
    }

    [Theory]
    [InlineData(1, 3, false)]
    [InlineData(3, 5, false)]
    [InlineData(5, 37, false)]
    [InlineData(8, 200, false)]
    [InlineData(9, 129, false)]
    [InlineData(16, 256, false)]
    [InlineData(1, 3, true)]
    [InlineData(3, 5, true)]
    [InlineData(7, 37, true)]
    [InlineData(8, 200, true)]
    [InlineData(9, 129, true)]
    [InlineData(17, 256, true)]
    public void MultiChannelSpectrumMatchesThePerChannelSpectrum(int channels, int n, bool wide)
    {
        var rng = new Random(channels * 1000 + n);
        var block = new float[channels * n];
        for (var i = 0; i < block.Length; i++)
            block[i] = (float)(rng.NextDouble() * 2 - 1);
        var window = MultiChannelWindow.OverBlock(block, channels);
        var spectrum = new MultiChannelPowerSpectrum(wide); // wide: 8 lanes of Vector512 (emulated where not accelerated)
        spectrum.Compute(window);
        var reference = new PowerSpectrum();
        var mnf = new float[channels];
        var mdf = new float[channels];
        spectrum.MeanFrequencies(1000, mnf, 0, 1);
        spectrum.MedianFrequencies(1000, mdf, 0, 1);
        var pkf = new float[channels];
        var mnp = new float[channels];
        spectrum.PeakFrequencies(1000, pkf, 0, 1);
        spectrum.MeanPowers(mnp, 0, 1);
        var copy = new PowerSpectrum();
        for (var c = 0; c < channels; c++)
        {
            spectrum.CopyChannel(c, copy); // the per-channel kernels on the same values: bit for bit
            Assert.Equal(Spectral.PeakFrequency(copy, 1000), pkf[c]);
            Assert.Equal(Spectral.MeanPower(copy), mnp[c]);
            reference.Compute(window.Channel(c));
            Assert.Equal(reference.FftLength, spectrum.FftLength);
            var peak = 0.0;
            foreach (var p in reference.Power)
                peak = Math.Max(peak, p);
            for (var k = 0; k < reference.Power.Length; k++)
                Assert.Equal(reference.Power[k], spectrum.Power(c, k), 1e-12 * peak);
            Assert.Equal(Spectral.MeanFrequency(reference, 1000), mnf[c], 1e-4f);
            Assert.Equal(Spectral.MedianFrequency(reference, 1000), mdf[c]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiChannelSpectrumOfSilenceGivesZeroFrequencies(bool wide)
    {
        var spectrum = new MultiChannelPowerSpectrum(wide);
        spectrum.Compute(MultiChannelWindow.OverBlock(new float[3 * 50], 3));
        var row = new float[6];
        spectrum.MeanFrequencies(1000, row, 0, 2);
        spectrum.MedianFrequencies(1000, row, 1, 2);
        Assert.All(row, v => Assert.Equal(0, v));
        spectrum.PeakFrequencies(1000, row, 0, 2);
        spectrum.MeanPowers(row, 1, 2);
        Assert.All(row, v => Assert.Equal(0, v));
    }
}
