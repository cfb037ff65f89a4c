using SemgKit.Signal.Envelopes;
using SemgKit.Signal.Filters;
using static SemgKit.Signal.Tests.Transforms.TransformFixtures;

namespace SemgKit.Signal.Tests.Envelopes;

public class EnvelopeTests
{
    [Fact]
    public void FullWaveRectificationMatchesNaiveAtEveryLength1To64()
    {
        var rng = new Random(2);
        for (var n = 1; n <= 64; n++)
        {
            var x = RandomSignal(rng, n);
            var y = new float[n];
            Rectification.FullWave(x, y);
            Assert.Equal(x.Select(MathF.Abs).ToArray(), y);
        }
    }

    [Fact]
    public void MovingRmsMatchesNaiveWindowedRms()
    {
        var rng = new Random(4);
        foreach (var w in new[] { 1, 2, 7, 50 })
        {
            var x = RandomSignal(rng, 300);
            var y = new float[300];
            MovingRms.Apply(x, w, y);
            for (var n = 0; n < x.Length; n++)
            {
                var sum = 0.0;
                for (var k = Math.Max(0, n - w + 1); k <= n; k++)
                    sum += (double)x[k] * x[k];
                Assert.Equal(Math.Sqrt(sum / w), y[n], 1e-5);
            }
        }
    }

    [Fact]
    public void StreamingEnvelopesAreChunkingInvariant()
    {
        var rng = new Random(17);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = rng.Next(1, 1200);
            var x = RandomSignal(rng, n);
            var w = rng.Next(1, 80);
            var whole = new float[n];
            new MovingRms(w).Process(x, whole);
            var chunked = new float[n];
            var rms = new MovingRms(w);
            foreach (var (s, len) in Chunks(rng, n))
                rms.Process(x.AsSpan(s, len), chunked.AsSpan(s, len));
            Assert.Equal(whole, chunked);

            var env = new LinearEnvelope(2, 6, 1000);
            var eWhole = new float[n];
            env.Process(x, eWhole);
            env.Reset();
            var eChunked = new float[n];
            foreach (var (s, len) in Chunks(rng, n))
                env.Process(x.AsSpan(s, len), eChunked.AsSpan(s, len));
            Assert.Equal(eWhole, eChunked);
        }
    }

    [Fact]
    public void LinearEnvelopeIsSosfiltOfTheRectifiedSignalAndPositivelyHomogeneous()
    {
        var rng = new Random(8);
        var x = RandomSignal(rng, 500);
        var env = new float[500];
        new LinearEnvelope(4, 10, 1000).Process(x, env);
        var expected = new float[500];
        new SosFilter(Butterworth.LowPass(4, 10, 1000)).Process(x.Select(MathF.Abs).ToArray(), expected);
        Assert.Equal(expected, env);
        // Rectification makes the envelope non-linear but positively homogeneous: E(a·x) = |a|·E(x).
        var scaled = new float[500];
        new LinearEnvelope(4, 10, 1000).Process(x.Select(v => -2.5f * v).ToArray(), scaled);
        for (var i = 0; i < 500; i++)
            Assert.Equal(2.5 * env[i], scaled[i], 1e-4);
    }

    [Fact]
    public void MovingRmsIsPositivelyHomogeneousAndItsSquareIsLinearInThePowerOfAddedSignals()
    {
        // RMS is not linear; its properties: R(a·x) = |a|·R(x), and R² is the moving mean of x², so for signals with
        // disjoint support (one zero wherever the other is not) R²(x + y) = R²(x) + R²(y).
        var rng = new Random(31);
        for (var trial = 0; trial < 10; trial++)
        {
            var n = rng.Next(50, 800);
            var w = rng.Next(1, 60);
            var x = RandomSignal(rng, n);
            var rx = new float[n];
            new MovingRms(w).Process(x, rx);
            var scaled = new float[n];
            new MovingRms(w).Process(x.Select(v => -3f * v).ToArray(), scaled);
            for (var i = 0; i < n; i++)
                Assert.Equal(3.0 * rx[i], scaled[i], 1e-4 * (1 + rx[i]));
            var even = x.Select((v, i) => i % 2 == 0 ? v : 0f).ToArray();
            var odd = x.Select((v, i) => i % 2 == 1 ? v : 0f).ToArray();
            float[] re = new float[n], ro = new float[n];
            new MovingRms(w).Process(even, re);
            new MovingRms(w).Process(odd, ro);
            for (var i = 0; i < n; i++)
                Assert.Equal(rx[i] * (double)rx[i], re[i] * (double)re[i] + ro[i] * (double)ro[i], 1e-4 * (1 + rx[i] * rx[i]));
        }
    }

    [Fact]
    public void ZScoreFitsOnTrainingDataAndStandardises()
    {
        float[] train = [1, 2, 3, 4, 10, 10, 10, 10]; // 2 channels × 4
        var z = ZScore.Fit(train, 2);
        Assert.Equal([2.5, 10.0], z.Means);
        Assert.Equal(Math.Sqrt(1.25), z.StandardDeviations[0], 12);
        Assert.Equal(1.0, z.StandardDeviations[1]); // constant channel
        var y = new float[8];
        z.Apply(train, y);
        Assert.Equal(-1.5 / Math.Sqrt(1.25), y[0], 5);
        Assert.Equal(0f, y[5]);
        Assert.Throws<ArgumentException>(() => ZScore.Fit(new float[7], 2));
    }

    [Fact]
    public void MvcNormalisationDividesByMaxMovingRms()
    {
        var mvc = new float[2 * 100];
        for (var i = 0; i < 100; i++)
        {
            mvc[i] = i < 50 ? 1 : 3;          // ch1: RMS over 10 reaches 3
            mvc[100 + i] = (i % 2 == 0) ? 2 : -2; // ch2: 2
        }
        var norm = MvcNormalization.Fit(mvc, 2, 10);
        Assert.Equal(3.0, norm.Amplitudes[0], 6);
        Assert.Equal(2.0, norm.Amplitudes[1], 6);
        var y = new float[200];
        norm.Apply(mvc, y);
        Assert.Equal(1f, y[99], 6);
        Assert.Equal(-1f, y[101], 6);
        Assert.Throws<ArgumentException>(() => MvcNormalization.Fit(new float[20], 2, 5));
    }
}
