using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Tests.Features;

public class FeatureAllocationTests
{
    private static float[] Block(int c, int t, int seed)
    {
        var rng = new Random(seed);
        var x = new float[c * t];
        for (var i = 0; i < x.Length; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1) * (1 + i % 7);
        return x;
    }

    [Fact]
    public void EveryFeatureTogetherAllocatesNothingPerWindowAfterWarmUp()
    {
        var set = FeatureCatalog.Parse(string.Join(",", FeatureCatalog.Codes), 1000);
        const int c = 8, t = 600;
        var block = Block(c, t, 1);
        var row = new float[set.ValuesPerWindow(c)];
        set.Extract(new MultiChannelWindow(block, c, t, 0, 200), row); // warm-up: scratch buffers, FFT tables
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var start = 0; start + 200 <= t; start += 25)
            set.Extract(new MultiChannelWindow(block, c, t, start, 200), row);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(row, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void SharedSpectrumGivesTheSameValuesAsStandaloneFeatures()
    {
        IFeature[] features = [new MeanFrequency(2000), new MedianFrequency(2000), new MeanPower(), new PeakFrequency(2000), new SpectralMoment(2000, 1), new DiscreteFourierTransformRepresentation(2000), new LScale(), new Cardinality(0.1f)];
        var set = new FeatureSet(features);
        const int c = 3, t = 150;
        var block = Block(c, t, 2);
        var row = new float[set.ValuesPerWindow(c)];
        set.Extract(MultiChannelWindow.OverBlock(block, c), row);
        var offset = 0;
        var single = new float[8];
        for (var ch = 0; ch < c; ch++)
        {
            foreach (var f in features)
            {
                f.Extract(block.AsSpan(ch * t, t), single);
                for (var k = 0; k < f.ValuesPerChannel; k++)
                    Assert.Equal(single[k], row[offset + k]);
                offset += f.ValuesPerChannel;
            }
        }
    }
}
