using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.Pipeline.Encoders;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Experiments;

public class MuscleBurstsTests
{
    /// <summary>
    /// Two channels of low noise with 600 ms bursts of strong noise at known onsets in ms (channel 1 later than channel 0),
    /// sampled at <paramref name="fs"/> (1000 Hz, or an integer multiple of it).
    /// </summary>
    private static Dataset TwoMuscles(out int[][] onsets, double fs = 1000)
    {
        int q = (int)(fs / 1000);
        int n = 6000 * q;
        onsets = [[1000, 3000], [1500, 4200]];
        var samples = new float[2 * n];
        var random = new Random(4);
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < n; i++) samples[c * n + i] = 0.01f * (float)(random.NextDouble() - 0.5);
            foreach (int onset in onsets[c])
                for (int i = onset * q; i < (onset + 600) * q; i++) samples[c * n + i] = (float)(random.NextDouble() - 0.5);
        }
        var recording = new Recording(samples, fs, ["RF", "BF"], new int[n], new RecordingMetadata("file.csv", "s1", Trial: 1));
        return new Dataset("two", ["gait"], [recording]);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)] // decimated to the bursts' 1000 Hz first
    public void BurstsStartAtTheirOnsetAfterThePreRollAndAreLabelledByMuscle(double fs)
    {
        var options = new MuscleBurstOptions();
        var bursts = MuscleBursts.From(TwoMuscles(out var onsets, fs), options, seed: 1, TestContext.Current.CancellationToken);
        Assert.Equal(1000, bursts.SampleRateHz);
        Assert.Equal(fs > 1000, bursts.Notes.Any(n => n.Contains("decimated 2000 → 1000 Hz")));
        Assert.Equal(["RF", "BF"], bursts.ClassNames);
        Assert.Equal(4, bursts.Recordings.Count);
        Assert.All(bursts.Recordings, r => Assert.Equal(600, r.SampleCount));
        Assert.Equal([1, 2, 3, 4], bursts.Recordings.Select(r => r.Metadata.Trial!.Value).Order());
        foreach (var r in bursts.Recordings)
        {
            int muscle = r.Labels[0];
            Assert.All(r.Labels.ToArray(), l => Assert.Equal(muscle, l));
            double detected = 1000 * double.Parse(r.Metadata.Source.Split('@')[1].Replace(" s", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(onsets[muscle], o => Math.Abs(o - detected) <= 15);
            // quiet pre-roll, loud burst
            var x = r.Channel(0);
            Assert.True(Rms(x[..80]) * 10 < Rms(x[120..]), $"{r.Metadata.Source}: the pre-roll is not quiet");
        }
        // one 500 ms window per burst, at the onset, after the warm-up
        var encoder = new FeatureWindowEncoder(new FeatureEncoderOptions { WindowMs = 500, StepMs = 100, WarmupMs = 100 }, 1000, 1, 2);
        var encoded = encoder.EncodeAll(bursts.Recordings, TestContext.Current.CancellationToken);
        Assert.Equal(4, encoded.Count);
    }

    [Fact]
    public void NoBurstsSaysSo()
    {
        var quiet = new Recording(new float[2000], 1000, ["RF"], new int[2000], new RecordingMetadata("q.csv", "s1"));
        var e = Assert.Throws<SemgException>(() => MuscleBursts.From(new Dataset("q", ["rest"], [quiet]), new MuscleBurstOptions(), 1, TestContext.Current.CancellationToken));
        Assert.Contains("no contraction bursts", e.Message);
    }

    [Fact]
    public void UciLowerLimbGivesBurstsOfEveryMuscle()
    {
        var folder = SharedData.Require(SharedData.UciLowerLimb);
        var dataset = new UciLowerLimbReader().Read(folder, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        var bursts = MuscleBursts.From(dataset, new MuscleBurstOptions(), 1, TestContext.Current.CancellationToken);
        Assert.Equal(dataset.ChannelNames, bursts.ClassNames);
        for (int k = 0; k < 4; k++)
            Assert.True(bursts.Recordings.Count(r => r.Labels[0] == k) > 300, $"{bursts.ClassNames[k]}: too few bursts");
        Assert.Equal(dataset.Subjects.Count, bursts.Subjects.Count);
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x) s += v * v;
        return Math.Sqrt(s / x.Length);
    }
}
