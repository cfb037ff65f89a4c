using SemgKit.Signal.Features;
using SemgKit.Signal.Tests.Filters;
using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;
using SemgKit.TestSupport;
using static SemgKit.Signal.Tests.Transforms.TransformFixtures;

namespace SemgKit.Signal.Tests.Wavelets;

public class WaveletTests
{
    [Fact]
    public void FilterBanksEqualPywt()
    {
        var banks = Load("wavelets.json").GetProperty("wavelets").EnumerateArray().ToList();
        Assert.Equal(19, banks.Count);
        foreach (var b in banks)
        {
            var w = Wavelet.FromName(b.GetProperty("name").GetString()!);
            GoldenFixtures.AssertClose(Row(b.GetProperty("dec_lo")), w.DecompositionLowPass, 1e-15, 1e-3, $"{w} dec_lo");
            GoldenFixtures.AssertClose(Row(b.GetProperty("dec_hi")), w.DecompositionHighPass, 1e-15, 1e-3, $"{w} dec_hi");
        }
        Assert.Same(Wavelet.Daubechies(4), Wavelet.FromName("DB4"));
        Assert.Equal("db1", Wavelet.FromName("haar").Name);
        Assert.Equal(16, Wavelet.Symlet(8).FilterLength);
        Assert.Throws<ArgumentException>(() => Wavelet.FromName("coif3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wavelet.Symlet(1));
    }

    [Fact]
    public void DwtAndWavedecMatchPywt()
    {
        foreach (var c in Load("dwt.json").GetProperty("cases").EnumerateArray())
        {
            var w = Wavelet.FromName(c.GetProperty("wavelet").GetString()!);
            var x = Row(c.GetProperty("x"));
            var what = $"{w} N={x.Length}";
            var m = Dwt.OutputLength(x.Length, w);
            var a = new double[m];
            var d = new double[m];
            Dwt.Decompose(x, w, a, d);
            GoldenFixtures.AssertClose(Row(c.GetProperty("cA")), a, 1e-9, 1e-6, what + " cA");
            GoldenFixtures.AssertClose(Row(c.GetProperty("cD")), d, 1e-9, 1e-6, what + " cD");
            Assert.Equal(c.GetProperty("maxLevel").GetInt32(), Dwt.MaxLevel(x.Length, w));
            var expected = c.GetProperty("wavedec").EnumerateArray().Select(Row).ToArray();
            var actual = Dwt.WaveDec(x, w, c.GetProperty("wavedecLevel").GetInt32());
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
                GoldenFixtures.AssertClose(expected[i], actual[i], 1e-9, 1e-6, $"{what} wavedec[{i}]");
        }
    }

    [Fact]
    public void WaveletPacketNodesMatchPywtInNaturalAndFrequencyOrder()
    {
        foreach (var c in Load("wavelet_packet.json").GetProperty("cases").EnumerateArray())
        {
            var x = Row(c.GetProperty("x"));
            var w = Wavelet.FromName(c.GetProperty("wavelet").GetString()!);
            var level = c.GetProperty("level").GetInt32();
            foreach (var (key, order) in new[] { ("natural", WaveletPacketOrder.Natural), ("freq", WaveletPacketOrder.Frequency) })
            {
                var e = c.GetProperty(key);
                var paths = e.GetProperty("paths").EnumerateArray().Select(p => p.GetString()).ToArray();
                var data = e.GetProperty("data").EnumerateArray().Select(Row).ToArray();
                var nodes = WaveletPacket.Nodes(x, w, level, order);
                Assert.Equal(paths.Length, nodes.Length);
                for (var k = 0; k < nodes.Length; k++)
                {
                    Assert.Equal(paths[k], WaveletPacket.NodePath(k, level, order));
                    GoldenFixtures.AssertClose(data[k], nodes[k], 1e-9, 1e-6, $"N={x.Length} {key} {paths[k]}");
                }
            }
        }
    }

    [Fact]
    public void WaveletPacketEnergyFeatureSumsSquaresOfTheNodes()
    {
        var c = Load("wavelet_packet.json").GetProperty("cases")[0];
        var x = FloatRow(c.GetProperty("x"));
        var freq = c.GetProperty("freq").GetProperty("data").EnumerateArray().Select(Row).ToArray();
        var expected = freq.Select(n => n.Sum(v => v * v)).ToArray();
        var feature = new WaveletPacketEnergy(Wavelet.Daubechies(4), 3);
        Assert.Equal(8, feature.ValuesPerChannel);
        Assert.Equal("WPE", feature.Code);
        var values = new float[8];
        feature.Extract(x, values);
        GoldenFixtures.AssertClose(expected, ToDouble(values), 1e-5, 1e-3, "WPE");
        new WaveletPacketEnergy(Wavelet.Daubechies(4), 3, normalise: true).Extract(x, values);
        GoldenFixtures.AssertClose(expected.Select(v => v / expected.Sum()).ToArray(), ToDouble(values), 1e-5, 1e-3, "WPE normalised");
        Assert.Equal(0, Allocations.Fewest(() => feature.Extract(x, values)));
    }

    [Fact]
    public void WpeCodeTakesAnyWaveletAndDepthAndMatchesPywtNodeEnergies()
    {
        foreach (var c in Load("wavelet_packet.json").GetProperty("cases").EnumerateArray())
        {
            var x = FloatRow(c.GetProperty("x"));
            string wavelet = c.GetProperty("wavelet").GetString()!;
            int level = c.GetProperty("level").GetInt32();
            var expected = c.GetProperty("freq").GetProperty("data").EnumerateArray().Select(Row).Select(n => n.Sum(v => v * v)).ToArray();
            var codes = wavelet == "db4" ? new[] { $"WPE:{level}", $"WPE:db4:{level}" } : [$"WPE:{wavelet}:{level}"];
            if (level == 3) codes = [.. codes, $"WPE:{wavelet}"]; // depth 3 by default
            foreach (var code in codes)
            {
                var set = FeatureCatalog.Parse(code);
                Assert.Equal(1 << level, set.ValuesPerWindow(1));
                var values = new float[1 << level];
                set.Extract(MultiChannelWindow.OverBlock(x, 1), values);
                GoldenFixtures.AssertClose(expected, ToDouble(values), 1e-5, 1e-3, $"{code} N={x.Length}");
            }
        }
        Assert.Contains("Unknown wavelet 'coif3'", Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("WPE:coif3:2")).Message);
        Assert.Contains("feature 'WPE:sym5:x'", Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("WPE:sym5:x")).Message);
        Assert.Contains("feature 'WPE:0'", Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("WPE:0")).Message);
        Assert.Contains("expected WPE:depth", Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("WPE:db4:2:1")).Message);
    }

    [Fact]
    public void LibEmgWaveletFeaturesMatchTheirPythonDefinitions()
    {
        foreach (var c in Load("libemg_wavelet.json").GetProperty("cases").EnumerateArray())
        {
            var x = FloatRow(c.GetProperty("x"));
            var fs = c.GetProperty("fs").GetDouble();
            IFeature[] features = [new WaveletEnergy(fs), new WaveletVariance(fs), new WaveletWaveformLength(fs), new WaveletEntropy(fs)];
            foreach (var f in features)
            {
                Assert.Equal(c.GetProperty("level").GetInt32() + 1, f.ValuesPerChannel);
                var values = new float[f.ValuesPerChannel];
                f.Extract(x, values);
                GoldenFixtures.AssertClose(Row(c.GetProperty(f.Code)), ToDouble(values), 1e-5, 1e-3, $"{f.Code} fs={fs}");
                Assert.Equal(0, Allocations.Fewest(() => f.Extract(x, values)));
            }
        }
    }

    [Fact]
    public void WaveletEntropyOfSilenceIsZeroNotNaN()
    {
        var values = new float[8];
        new WaveletEntropy().Extract(new float[200], values);
        Assert.All(values, v => Assert.Equal(0f, v));
    }
}
