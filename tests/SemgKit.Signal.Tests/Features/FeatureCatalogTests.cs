using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Tests.Features;

public class FeatureCatalogTests
{
    [Fact]
    public void GroupsHoldTheirLiteratureFeatures()
    {
        Assert.Equal(["MAV", "WL", "ZC", "SSC"], FeatureCatalog.Parse("HTD").Codes);
        Assert.Equal(["M0", "M2", "M4", "SPARSI", "IRF", "WLF"], FeatureCatalog.Parse("tdpsd").Codes);
        Assert.Equal(["M0", "M2", "M4", "SPARSI", "IRF", "WLF"], FeatureCatalog.Parse("TD-PSD").Codes); // the literature's spelling
        Assert.Equal(["LS", "MFL", "MSR", "WAMP"], FeatureCatalog.Parse("LS4").Codes);
        Assert.Equal(9, FeatureCatalog.Parse("LS9").Codes.Count);
        Assert.Equal(["MAV", "WL", "ZC", "SSC", "AR"], FeatureCatalog.Parse("TDAR").Codes);
        var comb = FeatureCatalog.Parse("COMB");
        Assert.Equal(["WL", "SSC", "LD", "AR"], comb.Codes);
        Assert.Equal(3 + 9, comb.ValuesPerChannel); // AR restored, order 9
        Assert.Equal(["MAV", "RMS", "WL", "ZC", "SSC", "VAR", "MNF", "MDF", "PKF", "MNP"], FeatureCatalog.Parse("TDFD", 1000).Codes);
    }

    [Fact]
    public void ParametersAndErrors()
    {
        var set = FeatureCatalog.Parse("Hudgins, AR:6, WAMP:0.01, MAVSLP:3", 2000);
        Assert.Equal(6, ((AutoregressiveCoefficients)set.Features[4]).Order);
        Assert.Equal(0.01f, ((WillisonAmplitude)set.Features[5]).Threshold);
        Assert.Equal(["ch1.MAV", "ch1.WL", "ch1.ZC", "ch1.SSC", "ch1.AR1", "ch1.AR2", "ch1.AR3", "ch1.AR4", "ch1.AR5", "ch1.AR6", "ch1.WAMP", "ch1.MAVSLP1", "ch1.MAVSLP2"], set.ColumnNames(1));
        var unknown = Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("MAV,FOO"));
        Assert.Contains("SAMPEN", unknown.Message);
        Assert.Contains("TDPSD", unknown.Message);
        var spectral = Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("TDFD"));
        Assert.Contains("sample rate", spectral.Message);
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("AR:2.5"));
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("AR:x"));
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("MAV:1"));
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("Hudgins,MAV"));
        Assert.Throws<ArgumentException>(() => FeatureCatalog.Parse("ZC:-1"));
    }

    [Fact]
    public void DescribeListsEveryCode()
    {
        var info = FeatureCatalog.Describe();
        Assert.Equal(FeatureCatalog.Codes, info.Select(i => i.Code));
        Assert.Equal(56, info.Count); // LibEMG without MEAN (49 incl. WENG WV WWL WENT), plus PKF CARD HFD KFD ICC, plus WPE and PSD
        Assert.Equal(4, info.Single(i => i.Code == "AR").ValuesPerChannel);
        Assert.Equal(6, info.Single(i => i.Code == "DFTR").ValuesPerChannel);
        Assert.True(info.Single(i => i.Code == "ICC").IsMultiChannel);
        Assert.All(info, i => Assert.False(string.IsNullOrWhiteSpace(i.Reference)));
    }

    [Fact]
    public void MultiChannelFeaturesFollowPerChannelValues()
    {
        var set = FeatureCatalog.Parse("MAV,ICC,RMSPHASOR");
        Assert.Equal(["ch1.MAV", "ch2.MAV", "ch3.MAV", "ICC.1-2", "ICC.1-3", "ICC.2-3",
            "RMSPHASOR.1-2", "RMSPHASOR.1-3", "RMSPHASOR.2-3", "RMSPHASOR.ratio.1-2", "RMSPHASOR.ratio.1-3", "RMSPHASOR.ratio.2-3"], set.ColumnNames(3));
        var x = new float[3 * 20];
        var rng = new Random(1);
        for (var i = 0; i < x.Length; i++)
            x[i] = (float)rng.NextDouble();
        for (var i = 0; i < 20; i++)
            x[40 + i] = 2 * x[i] + 1; // channel 3 = affine copy of channel 1
        var row = new float[set.ValuesPerWindow(3)];
        set.Extract(MultiChannelWindow.OverBlock(x, 3), row);
        Assert.Equal(1f, row[4], 5); // ICC.1-3
    }

    [Fact]
    public void EveryCodeExtractsFiniteValuesWithoutAllocating()
    {
        var rng = new Random(3);
        var x = new float[8 * 200];
        for (var i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5);
        foreach (var info in FeatureCatalog.Describe())
        {
            var set = FeatureCatalog.Parse(info.Code, 1000);
            var row = new float[set.ValuesPerWindow(8)];
            set.Extract(MultiChannelWindow.OverBlock(x, 8), row); // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            set.Extract(MultiChannelWindow.OverBlock(x, 8), row);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before == 0, $"{info.Code} allocates");
            Assert.All(row, v => Assert.True(float.IsFinite(v), $"{info.Code} gave {v}"));
            Assert.Equal(set.ColumnNames(8).Count, row.Length);
        }
    }

    [Fact]
    public void AmplitudeColumnsMarkTheGainScaledValuesInRowOrder()
    {
        var set = FeatureCatalog.Parse("MAV,ZC,AR:2,WL,ICC");
        // per channel: MAV, ZC, AR1, AR2, WL; then the one channel pair of ICC
        Assert.Equal([true, false, false, false, true, true, false, false, false, true, false], set.AmplitudeColumns(2));
        Assert.Equal(set.ValuesPerWindow(2), set.AmplitudeColumns(2).Length);
        Assert.True(FeatureCatalog.ScalesWithAmplitude("rms"));
        Assert.False(FeatureCatalog.ScalesWithAmplitude("MFL")); // already a logarithm
    }
}
