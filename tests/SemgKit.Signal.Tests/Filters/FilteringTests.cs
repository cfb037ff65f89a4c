using System.Text.Json;
using SemgKit.Signal.Filters;
using SemgKit.TestSupport;

namespace SemgKit.Signal.Tests.Filters;

public class FilteringTests
{
    private static (float[][] Input, JsonElement[] Filters) Fixture()
    {
        var root = GoldenFixtures.Load("sosfilt.json");
        var input = GoldenFixtures.Matrix(root.GetProperty("input")).Select(r => r.Select(v => (float)v).ToArray()).ToArray();
        return (input, [.. root.GetProperty("filters").EnumerateArray()]);
    }

    private static double[] ToDouble(float[] x) => [.. x.Select(v => (double)v)];

    [Fact]
    public void SosFilterMatchesScipySosfilt()
    {
        var (input, filters) = Fixture();
        foreach (var f in filters)
        {
            var sos = GoldenFixtures.Sos(f.GetProperty("sos"));
            var expected = GoldenFixtures.Matrix(f.GetProperty("sosfilt"));
            for (var c = 0; c < input.Length; c++)
            {
                var filter = new SosFilter(sos);
                var y = new float[input[c].Length];
                filter.Process(input[c], y);
                GoldenFixtures.AssertClose(expected[c], ToDouble(y), 1e-5, 1e-2, $"{f.GetProperty("name")} ch{c}");
            }
        }
    }

    [Fact]
    public void MultiChannelSosFilterMatchesScipySosfiltInBothLayouts()
    {
        var (input, filters) = Fixture();
        int channels = input.Length, n = input[0].Length;
        foreach (var f in filters)
        {
            var sos = GoldenFixtures.Sos(f.GetProperty("sos"));
            var expected = GoldenFixtures.Matrix(f.GetProperty("sosfilt"));
            var channelMajor = input.SelectMany(r => r).ToArray();
            var frameMajor = new float[channels * n];
            for (var t = 0; t < n; t++)
                for (var c = 0; c < channels; c++)
                    frameMajor[t * channels + c] = input[c][t];

            var cm = new float[channels * n];
            new MultiChannelSosFilter(sos, channels).ProcessChannelMajor(channelMajor, cm);
            var fm = (float[])frameMajor.Clone();
            new MultiChannelSosFilter(sos, channels).ProcessFrameMajor(fm, fm); // in place
            for (var c = 0; c < channels; c++)
            {
                GoldenFixtures.AssertClose(expected[c], ToDouble(cm[(c * n)..((c + 1) * n)]), 1e-5, 1e-2, $"channel-major ch{c}");
                var col = Enumerable.Range(0, n).Select(t => (double)fm[t * channels + c]).ToArray();
                GoldenFixtures.AssertClose(expected[c], col, 1e-5, 1e-2, $"frame-major ch{c}");
            }
        }
    }

    [Fact]
    public void ZeroPhaseMatchesScipySosfiltfilt()
    {
        var (input, filters) = Fixture();
        foreach (var f in filters)
        {
            var sos = GoldenFixtures.Sos(f.GetProperty("sos"));
            var expected = GoldenFixtures.Matrix(f.GetProperty("sosfiltfilt"));
            GoldenFixtures.AssertClose(GoldenFixtures.Matrix(f.GetProperty("sosfilt_zi")).SelectMany(r => r).ToArray(), ZeroPhase.StepInitialState(sos), 1e-9, 1e-6, "sosfilt_zi");
            for (var c = 0; c < input.Length; c++)
            {
                var y = new float[input[c].Length];
                ZeroPhase.Apply(sos, input[c], y);
                GoldenFixtures.AssertClose(expected[c], ToDouble(y), 1e-5, 1e-2, $"{f.GetProperty("name")} ch{c}");
            }
        }
    }

    [Fact]
    public void MultiChannelZeroPhaseMatchesScipySosfiltfiltInBothLayoutsAndInPlace()
    {
        var (input, filters) = Fixture();
        int channels = input.Length, samples = input[0].Length;
        var channelMajor = input.SelectMany(x => x).ToArray();
        var frameMajor = new float[channelMajor.Length];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < samples; i++)
                frameMajor[i * channels + c] = input[c][i];
        foreach (var f in filters)
        {
            var sos = GoldenFixtures.Sos(f.GetProperty("sos"));
            var expected = GoldenFixtures.Matrix(f.GetProperty("sosfiltfilt"));
            var byChannel = new float[channelMajor.Length];
            ZeroPhase.ApplyChannelMajor(sos, channelMajor, channels, byChannel);
            var byFrame = (float[])frameMajor.Clone();
            ZeroPhase.ApplyFrameMajor(sos, byFrame, channels, byFrame); // in place
            for (int c = 0; c < channels; c++)
            {
                var single = new float[samples];
                ZeroPhase.Apply(sos, input[c], single);
                Assert.Equal(single, byChannel.AsSpan(c * samples, samples).ToArray());
                Assert.Equal(single, Enumerable.Range(0, samples).Select(i => byFrame[i * channels + c]).ToArray());
                GoldenFixtures.AssertClose(expected[c], ToDouble(single), 1e-5, 1e-2, $"{f.GetProperty("name")} ch{c}");
            }
        }
        var sos4 = Butterworth.BandPass(4, 20, 450, 1000);
        Assert.Contains("not a whole number of 3-channel frames", Assert.Throws<ArgumentException>(() => ZeroPhase.ApplyFrameMajor(sos4, new float[100], 3, new float[100])).Message);
        Assert.Contains("shorter", Assert.Throws<ArgumentException>(() => ZeroPhase.ApplyChannelMajor(sos4, new float[120], 2, new float[100])).Message);
        Assert.Contains("27", Assert.Throws<ArgumentException>(() => ZeroPhase.ApplyChannelMajor(sos4, new float[54], 2, new float[54])).Message);
    }

    [Fact]
    public void ZeroPhaseRejectsInputsNotLongerThanThePad()
    {
        var sos = Butterworth.BandPass(4, 20, 450, 1000); // 4 sections → padlen 3·(9 − 0) = 27
        Assert.Equal(27, ZeroPhase.PadLength(sos));
        Assert.Equal(3 * (2 * 3 + 1 - 1), ZeroPhase.PadLength(Butterworth.LowPass(5, 100, 1000))); // one first-order section
        var e = Assert.Throws<ArgumentException>(() => ZeroPhase.Apply(sos, new float[27], new float[27]));
        Assert.Contains("27", e.Message);
        ZeroPhase.Apply(sos, new float[28], new float[28]);
    }

    [Fact]
    public void AnyChunkingGivesTheSameOutputAsOneCall()
    {
        var rng = new Random(7);
        var sos = Butterworth.BandPass(4, 20, 450, 1000).Then(PowerLineComb.Design(50, 30, 1000));
        for (var trial = 0; trial < 20; trial++)
        {
            var n = rng.Next(1, 1500);
            var channels = rng.Next(1, 11);
            var x = RandomSignal(rng, channels * n);

            var single = new float[n];
            new SosFilter(sos).Process(x.AsSpan(0, n), single);
            var chunkedSingle = new float[n];
            var filter = new SosFilter(sos);
            foreach (var (start, len) in Chunks(rng, n))
                filter.Process(x.AsSpan(start, len), chunkedSingle.AsSpan(start, len));
            Assert.Equal(single, chunkedSingle);

            // Frame-major multichannel: one call vs random chunks; channel c equals the single-channel filter.
            var whole = new float[channels * n];
            new MultiChannelSosFilter(sos, channels).ProcessFrameMajor(x, whole);
            var chunked = new float[channels * n];
            var mc = new MultiChannelSosFilter(sos, channels);
            foreach (var (start, len) in Chunks(rng, n))
                mc.ProcessFrameMajor(x.AsSpan(start * channels, len * channels), chunked.AsSpan(start * channels, len * channels));
            Assert.Equal(whole, chunked);
            for (var c = 0; c < channels; c++)
            {
                var column = Enumerable.Range(0, n).Select(t => x[t * channels + c]).ToArray();
                var expected = new float[n];
                new SosFilter(sos).Process(column, expected);
                Assert.Equal(expected, Enumerable.Range(0, n).Select(t => whole[t * channels + c]).ToArray());
            }

            // Channel-major: chunks are [C × len] blocks.
            var cmWhole = new float[channels * n];
            new MultiChannelSosFilter(sos, channels).ProcessChannelMajor(x, cmWhole);
            var cm = new MultiChannelSosFilter(sos, channels);
            var cmChunked = new float[channels * n];
            foreach (var (start, len) in Chunks(rng, n))
            {
                var block = new float[channels * len];
                for (var c = 0; c < channels; c++)
                    x.AsSpan(c * n + start, len).CopyTo(block.AsSpan(c * len));
                cm.ProcessChannelMajor(block, block);
                for (var c = 0; c < channels; c++)
                    block.AsSpan(c * len, len).CopyTo(cmChunked.AsSpan(c * n + start));
            }
            Assert.Equal(cmWhole, cmChunked);
        }
    }

    [Fact]
    public void ResetRestartsFromZeroState()
    {
        var sos = Butterworth.HighPass(3, 20, 1000);
        var x = RandomSignal(new Random(3), 300);
        var a = new float[300];
        var b = new float[300];
        var f = new SosFilter(sos);
        f.Process(x, a);
        f.Reset();
        f.Process(x, b);
        Assert.Equal(a, b);
        var m = new MultiChannelSosFilter(sos, 3);
        var ma = new float[300];
        var mb = new float[300];
        m.ProcessFrameMajor(x, ma);
        m.Reset();
        m.ProcessFrameMajor(x, mb);
        Assert.Equal(ma, mb);
    }

    [Fact]
    public void FilteringIsLinear()
    {
        var rng = new Random(11);
        var sos = Butterworth.BandPass(4, 20, 450, 1000);
        for (var trial = 0; trial < 10; trial++)
        {
            var n = rng.Next(10, 800);
            var x = RandomSignal(rng, n);
            var y = RandomSignal(rng, n);
            var (alpha, beta) = ((float)(rng.NextDouble() * 4 - 2), (float)(rng.NextDouble() * 4 - 2));
            var combo = x.Zip(y, (u, v) => alpha * u + beta * v).ToArray();
            float[] fx = new float[n], fy = new float[n], fc = new float[n];
            new SosFilter(sos).Process(x, fx);
            new SosFilter(sos).Process(y, fy);
            new SosFilter(sos).Process(combo, fc);
            for (var i = 0; i < n; i++)
                Assert.True(Math.Abs(fc[i] - (alpha * fx[i] + beta * fy[i])) <= 1e-4 * (1 + Math.Abs(fc[i])), $"trial {trial} sample {i}");
        }
    }

    [Fact]
    public void ProcessDoesNotAllocate()
    {
        var sos = Butterworth.BandPass(4, 20, 450, 1000);
        var x = RandomSignal(new Random(1), 8 * 500);
        var y = new float[x.Length];
        var m = new MultiChannelSosFilter(sos, 8);
        var s = new SosFilter(sos);
        m.ProcessFrameMajor(x, y);
        m.ProcessChannelMajor(x, y);
        s.Process(x, y);
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            m.ProcessFrameMajor(x, y);
            m.ProcessChannelMajor(x, y);
            s.Process(x, y);
        }));
    }

    internal static float[] RandomSignal(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];

    private static IEnumerable<(int Start, int Length)> Chunks(Random rng, int n)
    {
        var start = 0;
        while (start < n)
        {
            var len = Math.Min(n - start, rng.Next(0, 4) == 0 ? rng.Next(0, 3) : rng.Next(1, 300));
            yield return (start, len);
            start += len;
        }
    }
}
