using System.Numerics;
using SemgKit.Signal.Features;
using SemgKit.Signal.Tests.Filters;
using SemgKit.Signal.Transforms;
using SemgKit.TestSupport;
using static SemgKit.Signal.Tests.Transforms.TransformFixtures;

namespace SemgKit.Signal.Tests.Transforms;

public class SpectralTests
{
    [Fact]
    public void RealFftMatchesNumpyRfft()
    {
        foreach (var c in Load("rfft.json").GetProperty("cases").EnumerateArray())
        {
            var x = FloatRow(c.GetProperty("x"));
            var fft = new RealFft(x.Length);
            var bins = new Complex[fft.BinCount];
            fft.Forward(x, bins);
            GoldenFixtures.AssertClose(Row(c.GetProperty("re")), bins.Select(z => z.Real).ToArray(), 1e-9, 1e-3, $"rfft n={x.Length} re");
            GoldenFixtures.AssertClose(Row(c.GetProperty("im")), bins.Select(z => z.Imaginary).ToArray(), 1e-9, 1e-3, $"rfft n={x.Length} im");
        }
    }

    [Fact]
    public void RealFftMatchesNaiveDftAtEveryLength1To64AndPowersOfTwo()
    {
        var rng = new Random(5);
        foreach (var n in Enumerable.Range(1, 64).Concat([128, 256, 1000, 1024]))
        {
            var x = RandomSignal(rng, n);
            var fft = new RealFft(n);
            var bins = new Complex[fft.BinCount];
            fft.Forward(x, bins);
            var power = new double[fft.BinCount];
            fft.PowerSpectrum(x, power);
            for (var k = 0; k < fft.BinCount; k++)
            {
                var expected = Complex.Zero;
                for (var t = 0; t < n; t++)
                    expected += x[t] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)k * t % n) / n);
                Assert.True((bins[k] - expected).Magnitude <= 1e-9 * (1 + Math.Sqrt(n)), $"n={n} k={k}: {bins[k]} vs {expected}");
                Assert.Equal(expected.Magnitude * expected.Magnitude, power[k], 1e-8 * (1 + n));
            }
        }
    }

    [Fact]
    public void RealFftForwardDoesNotAllocate()
    {
        var fft = new RealFft(250); // Bluestein half-length
        var x = RandomSignal(new Random(1), 250);
        var bins = new Complex[fft.BinCount];
        fft.Forward(x, bins);
        Assert.Equal(0, Allocations.Fewest(() => fft.Forward(x, bins)));
    }

    [Fact]
    public void WelchMatchesScipyWelch()
    {
        var root = Load("welch.json");
        var x = FloatRow(root.GetProperty("x"));
        var fs = root.GetProperty("fs").GetDouble();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var options = new WelchOptions
            {
                SegmentSamples = c.GetProperty("nperseg").GetInt32(),
                OverlapSamples = c.GetProperty("noverlap").GetInt32(),
                Window = c.GetProperty("window").GetString() == "hann" ? SpectralWindow.Hann : SpectralWindow.Hamming,
                Scaling = c.GetProperty("scaling").GetString() == "density" ? SpectralScaling.Density : SpectralScaling.Spectrum,
                Detrend = c.GetProperty("detrend").GetString() == "constant" ? Detrend.Constant : Detrend.None,
            };
            var p = Welch.PowerSpectralDensity(x, fs, options);
            GoldenFixtures.AssertClose(Row(c.GetProperty("f")), Welch.FrequenciesHz(options.SegmentSamples, fs), 1e-12, 1e-6, "welch f");
            GoldenFixtures.AssertClose(Row(c.GetProperty("p")), p, 1e-9, 1e-6, $"welch {options}");
        }
    }

    [Fact]
    public void PsdFeatureIsScipyWelchWithoutTheDcBin()
    {
        var root = Load("welch.json");
        var x = FloatRow(root.GetProperty("x"));
        var fs = root.GetProperty("fs").GetDouble();
        var hann = root.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("window").GetString() == "hann");
        Assert.Equal(hann.GetProperty("nperseg").GetInt32() / 2, hann.GetProperty("noverlap").GetInt32());
        Assert.Equal("density", hann.GetProperty("scaling").GetString());
        var feature = new WelchPowerSpectralDensity(fs, hann.GetProperty("nperseg").GetInt32());
        var values = new float[feature.ValuesPerChannel];
        feature.Extract(x, values);
        var expected = Row(hann.GetProperty("p"))[1..];
        GoldenFixtures.AssertClose(expected, values.Select(v => (double)v).ToArray(), 1e-6, 1e-12, "PSD feature");
        Assert.Equal("PSD3.9Hz", feature.ValueName(0));
        Assert.Equal("PSD500Hz", feature.ValueName(feature.ValuesPerChannel - 1));
        Assert.Throws<ArgumentException>(() => feature.Extract(x.AsSpan(0, 255), values));
    }

    [Fact]
    public void StftMatchesScipyStft()
    {
        var root = Load("stft.json");
        var x = FloatRow(root.GetProperty("x"));
        var fs = root.GetProperty("fs").GetDouble();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var window = c.GetProperty("window").GetString() == "hann" ? SpectralWindow.Hann : SpectralWindow.Hamming;
            var stft = new Stft(new StftOptions { WindowSamples = 256, OverlapSamples = 128, Window = window }, fs);
            var shape = Row(c.GetProperty("shape"));
            Assert.Equal((int)shape[0], stft.BinCount);
            Assert.Equal((int)shape[1], stft.FrameCount(x.Length));
            var z = new Complex[stft.BinCount * stft.FrameCount(x.Length)];
            stft.Forward(x, z);
            GoldenFixtures.AssertClose(Row(c.GetProperty("t")), stft.TimesSeconds(x.Length), 1e-12, 1e-6, "stft t");
            GoldenFixtures.AssertClose(Row(c.GetProperty("f")), stft.FrequenciesHz(), 1e-12, 1e-6, "stft f");
            GoldenFixtures.AssertClose(Row(c.GetProperty("re")), z.Select(v => v.Real).ToArray(), 1e-9, 1e-6, $"stft {window} re");
            GoldenFixtures.AssertClose(Row(c.GetProperty("im")), z.Select(v => v.Imaginary).ToArray(), 1e-9, 1e-6, $"stft {window} im");
        }
    }

    [Fact]
    public void StftFrameCountFollowsScipyPadding()
    {
        // scipy: boundary adds 128 + 128, padded extends to a whole segment.
        var stft = new Stft(new StftOptions(), 1000);
        Assert.Equal(9, stft.FrameCount(1000)); // 1256 → pad to 1280 → (1280 − 256)/128 + 1
        Assert.Equal(4, stft.FrameCount(257)); // 513 → 640
        Assert.Throws<ArgumentException>(() => stft.FrameCount(255)); // scipy would shrink nperseg
        var plain = new Stft(new StftOptions { ZeroBoundary = false, Padded = false }, 1000);
        Assert.Equal(6, plain.FrameCount(1000));
    }

    [Fact]
    public void SpectrogramMatchesScipySpectrogram()
    {
        var root = Load("spectrogram.json");
        var x = FloatRow(root.GetProperty("x"));
        var fs = root.GetProperty("fs").GetDouble();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var options = new SpectrogramOptions
            {
                WindowSamples = 256,
                OverlapSamples = 128,
                Window = c.GetProperty("window").GetString() == "hann" ? SpectralWindow.Hann : SpectralWindow.Hamming,
                Mode = c.GetProperty("mode").GetString() == "psd" ? SpectrogramMode.Psd : SpectrogramMode.Magnitude,
                Scaling = c.GetProperty("scaling").GetString() == "density" ? SpectralScaling.Density : SpectralScaling.Spectrum,
            };
            var spec = new Spectrogram(options, fs);
            var shape = Row(c.GetProperty("shape"));
            Assert.Equal((int)shape[0], spec.BinCount);
            Assert.Equal((int)shape[1], spec.FrameCount(x.Length));
            var s = new float[spec.BinCount * spec.FrameCount(x.Length)];
            spec.Apply(x, s);
            var expected = Row(c.GetProperty("s"));
            GoldenFixtures.AssertClose(expected, ToDouble(s), 1e-5, 1e-4, $"spectrogram {options}");
            GoldenFixtures.AssertClose(Row(c.GetProperty("t")), spec.TimesSeconds(x.Length), 1e-12, 1e-6, "spectrogram t");

            var db = new float[s.Length];
            new Spectrogram(options with { Decibels = true }, fs).Apply(x, db);
            GoldenFixtures.AssertClose(expected.Select(p => 10 * Math.Log10(p + 1e-10)).ToArray(), ToDouble(db), 1e-5, 1e-2, "dB");
        }
    }

    [Fact]
    public void MultiChannelSpectrogramIsChannelPlanesAndDoesNotAllocate()
    {
        var rng = new Random(3);
        const int channels = 3, n = 700;
        var block = RandomSignal(rng, channels * n);
        var spec = new Spectrogram(new SpectrogramOptions(), 1000);
        var plane = spec.BinCount * spec.FrameCount(n);
        Assert.Equal(channels * plane, spec.ValuesPerBlock(channels, n));
        var all = new float[channels * plane];
        spec.ApplyMultiChannel(block, channels, all);
        for (var c = 0; c < channels; c++)
        {
            var one = new float[plane];
            spec.Apply(block.AsSpan(c * n, n), one);
            Assert.Equal(one, all.AsSpan(c * plane, plane).ToArray());
        }
        Assert.Equal(0, Allocations.Fewest(() => spec.ApplyMultiChannel(block, channels, all)));
    }

    [Fact]
    public void StftIsLinear()
    {
        var rng = new Random(19);
        var stft = new Stft(new StftOptions { WindowSamples = 64, OverlapSamples = 40, Window = SpectralWindow.Hamming }, 500);
        for (var trial = 0; trial < 10; trial++)
        {
            var n = rng.Next(64, 700);
            var x = RandomSignal(rng, n);
            var y = RandomSignal(rng, n);
            var (a, b) = ((float)(rng.NextDouble() * 4 - 2), (float)(rng.NextDouble() * 4 - 2));
            var combo = x.Zip(y, (u, v) => a * u + b * v).ToArray();
            var size = stft.BinCount * stft.FrameCount(n);
            Complex[] zx = new Complex[size], zy = new Complex[size], zc = new Complex[size];
            stft.Forward(x, zx);
            stft.Forward(y, zy);
            stft.Forward(combo, zc);
            for (var i = 0; i < size; i++)
                Assert.True((zc[i] - (a * zx[i] + b * zy[i])).Magnitude <= 1e-5 * (1 + zc[i].Magnitude), $"trial {trial} value {i}");
        }
    }

    [Fact]
    public void InvalidSpectralArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Spectrogram(new SpectrogramOptions { OverlapSamples = 256 }, 1000));
        Assert.Throws<ArgumentException>(() => new Spectrogram(new SpectrogramOptions(), 1000).FrameCount(100));
        Assert.Throws<ArgumentException>(() => Welch.PowerSpectralDensity(new float[100], 1000));
        Assert.Throws<ArgumentException>(() => new RealFft(8).Forward(new float[7], new Complex[5]));
    }
}
