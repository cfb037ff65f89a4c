using SemgKit.Signal.Onsets;
using SemgKit.Signal.Tests.Filters;
using static SemgKit.Signal.Tests.Transforms.TransformFixtures;

namespace SemgKit.Signal.Tests.Onsets;

public class OnsetTests
{
    [Fact]
    public void TkeoMatchesGolden()
    {
        var root = Load("tkeo.json");
        var x = FloatRow(root.GetProperty("x"));
        var psi = new float[x.Length];
        Tkeo.Apply(x, psi);
        GoldenFixtures.AssertClose(Row(root.GetProperty("psi")), ToDouble(psi), 1e-5, 1e-3, "tkeo");
    }

    [Fact]
    public void StreamingTkeoIsApplyDelayedOneSampleAndChunkingInvariant()
    {
        var rng = new Random(23);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = rng.Next(1, 600);
            var x = RandomSignal(rng, n);
            var whole = new float[n];
            Tkeo.Apply(x, whole);
            var streamed = new float[n];
            var tkeo = new Tkeo();
            foreach (var (s, len) in Chunks(rng, n))
                tkeo.Process(x.AsSpan(s, len), streamed.AsSpan(s, len));
            Assert.Equal(0f, streamed[0]);
            for (var i = 1; i < n; i++)
            {
                // Apply's last sample uses x[N] = 0; the stream has not seen x[N] yet, so compare the interior.
                if (i - 1 < n - 1)
                    Assert.Equal(whole[i - 1], streamed[i]);
            }
            tkeo.Reset();
            var again = new float[n];
            tkeo.Process(x, again);
            Assert.Equal(streamed, again);
        }
    }

    [Fact]
    public void StreamingTkeoIsHomogeneousOfDegreeTwo()
    {
        // ψ is quadratic, not linear: ψ(a·x) = a²·ψ(x), for any chunking
        var rng = new Random(29);
        var x = RandomSignal(rng, 400);
        var psi = new float[400];
        new Tkeo().Process(x, psi);
        var scaled = new float[400];
        var tkeo = new Tkeo();
        var y = x.Select(v => -1.5f * v).ToArray();
        foreach (var (s, len) in Chunks(rng, 400))
            tkeo.Process(y.AsSpan(s, len), scaled.AsSpan(s, len));
        for (var i = 0; i < 400; i++)
            Assert.Equal(2.25 * psi[i], scaled[i], 1e-4 * (1 + Math.Abs(psi[i])));
    }

    private static float[] Bursty(int n, params (int Start, int End)[] bursts)
    {
        var rng = new Random(9);
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            var active = bursts.Any(b => i >= b.Start && i < b.End);
            x[i] = (float)((rng.NextDouble() * 2 - 1) * (active ? 1.0 : 0.02));
        }
        return x;
    }

    [Fact]
    public void TkeoDetectorFindsBurstsWithOneBaselineThreshold()
    {
        var x = Bursty(3000, (800, 1300), (2000, 2500));
        var detector = new TkeoOnsetDetector(OnsetThreshold.FromBaseline(0, 500, 8), smoothingSamples: 20, minOnSamples: 25, minOffSamples: 50);
        var bursts = detector.Detect(x);
        Assert.Equal(2, bursts.Count);
        Assert.InRange(bursts[0].OnsetSample, 780, 830);
        Assert.InRange(bursts[0].OffsetSample, 1280, 1330);
        Assert.InRange(bursts[1].OnsetSample, 1980, 2030);
        Assert.InRange(bursts[1].OffsetSample, 2480, 2530);
    }

    [Fact]
    public void HodgesBuiFindsBurstsAboveBaselinePlusHSd()
    {
        var x = Bursty(3000, (800, 1300), (2000, 2500));
        var detector = new HodgesBuiDetector(OnsetThreshold.FromBaseline(100, 400, 3), 1000, 2, 50, averageSamples: 25, minOnSamples: 25, minOffSamples: 50);
        var bursts = detector.Detect(x);
        Assert.Equal(2, bursts.Count);
        Assert.InRange(bursts[0].OnsetSample, 790, 840);
        Assert.InRange(bursts[1].OnsetSample, 1990, 2040);
        Assert.InRange(bursts[0].OffsetSample, 1290, 1360);
    }

    [Fact]
    public void MinimumDurationsRejectShortBlipsAndGaps()
    {
        var d = new float[100];
        for (var i = 10; i < 13; i++) d[i] = 5;       // 3-sample blip: ignored with minOn 5
        for (var i = 30; i < 60; i++) d[i] = 5;       // burst with a 2-sample gap
        d[40] = d[41] = 0;
        for (var i = 90; i < 100; i++) d[i] = 5;      // runs to the end
        var bursts = BurstFinder.Find(d, 1.0, minOnSamples: 5, minOffSamples: 3);
        Assert.Equal([new Burst(30, 60), new Burst(90, 100)], bursts);
        Assert.Equal(30, bursts[0].LengthSamples);
        // With minOff 2 the gap splits the burst.
        Assert.Equal([new Burst(30, 40), new Burst(42, 60), new Burst(90, 100)], BurstFinder.Find(d, 1.0, 5, 2));
        Assert.Equal(4.0, OnsetThreshold.Fixed(4).Resolve(d));
        Assert.Equal(5.0, OnsetThreshold.FromBaseline(90, 10, 3).Resolve(d), 12); // sd 0
    }

    [Fact]
    public void FixedLengthSegmentsDropBurstsRunningPastTheEnd()
    {
        const int channels = 2, t = 100;
        var x = Enumerable.Range(0, channels * t).Select(i => (float)i).ToArray();
        Burst[] bursts = [new(10, 20), new(60, 70), new(90, 100)];
        Assert.Equal(2, BurstSegments.Count(bursts, 30, t));
        var segments = new float[2 * channels * 30];
        Assert.Equal(2, BurstSegments.Extract(x, channels, bursts, 30, segments));
        Assert.Equal(10f, segments[0]);
        Assert.Equal(110f, segments[30]);   // channel 2 of segment 1
        Assert.Equal(60f, segments[60]);
        Assert.Equal(189f, segments[^1]);
    }
}
