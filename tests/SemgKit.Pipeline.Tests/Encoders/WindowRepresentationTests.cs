using SemgKit.Pipeline.Encoders;
using SemgKit.Signal.Features;
using SemgKit.Signal.Images;
using SemgKit.Signal.Transforms;
using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;

namespace SemgKit.Pipeline.Tests.Encoders;

public class WindowRepresentationTests
{
    private const int Channels = 3, Samples = 200;
    private static readonly float[] Block = MakeBlock();

    private static float[] MakeBlock()
    {
        var rng = new Random(3);
        return Enumerable.Range(0, Channels * Samples).Select(i => (float)(Math.Sin(i * 0.37) + rng.NextDouble() - 0.5)).ToArray();
    }

    private static float[] Extract(FeatureEncoderOptions options, out WindowRepresentation representation)
    {
        representation = WindowRepresentation.Create(options, 1000, Channels, Samples);
        var row = new float[representation.ValuesPerWindow];
        representation.Extract(MultiChannelWindow.OverBlock(Block, Channels), row);
        Assert.Equal(representation.ValuesPerWindow, representation.Shape.Aggregate(1, (a, b) => a * b));
        return row;
    }

    [Fact]
    public void RawIsTheChannelMajorWindow()
    {
        var row = Extract(new FeatureEncoderOptions { Input = WindowInput.Raw }, out var r);
        Assert.Equal([Channels, Samples], r.Shape);
        Assert.Equal(Block, row);
    }

    [Fact]
    public void SpectrogramIsScipysPerChannelWithTheAutomaticSegment()
    {
        var row = Extract(new FeatureEncoderOptions { Input = WindowInput.Spectrogram }, out var r);
        // window 200 → segment = largest power of two ≤ 50 = 32, overlap 16: 17 bins × 11 frames
        Assert.Equal([Channels, 17, 11], r.Shape);
        var plan = new Spectrogram(new SpectrogramOptions { WindowSamples = 32, OverlapSamples = 16, Decibels = true }, 1000);
        var expected = new float[Channels * 17 * 11];
        plan.ApplyMultiChannel(Block, Channels, expected);
        Assert.Equal(expected, row);
    }

    [Fact]
    public void FrameFeaturesAreTheFeatureSetOfEachFrame()
    {
        var row = Extract(new FeatureEncoderOptions { Input = WindowInput.FrameFeatures, FrameMs = 20 }, out var r);
        Assert.Equal([10, Channels * 4], r.Shape);
        var set = FeatureSet.Hudgins();
        var frame = new float[Channels * 4];
        for (int f = 0; f < 10; f++)
        {
            set.Extract(new MultiChannelWindow(Block, Channels, Samples, f * 20, 20), frame);
            Assert.Equal(frame, row.AsSpan(f * frame.Length, frame.Length).ToArray());
        }
    }

    [Fact]
    public void TheTwoPlaneImageStacksTheEmgAndWaveletPacketImages()
    {
        var row = Extract(new FeatureEncoderOptions { Input = WindowInput.EmgWaveletImage, FrameMs = 20 }, out var r);
        Assert.Equal([2, 10, Channels], r.Shape);
        var window = MultiChannelWindow.OverBlock(Block, Channels);
        var emg = new float[10 * Channels];
        new EmgImage(10, 20).Extract(window, emg);
        var wp = new float[10 * Channels];
        WaveletPacketImage.PerFrame(WaveletPacketImageKind.FrameEnergyEntropy, Wavelet.FromName("db4"), 2, 10, 20).Extract(window, wp);
        Assert.Equal(emg.Concat(wp), row);
        var single = Extract(new FeatureEncoderOptions { Input = WindowInput.EmgImage, FrameMs = 20 }, out var one);
        Assert.Equal([1, 10, Channels], one.Shape);
        Assert.Equal(emg, single);
    }

    [Fact]
    public void TrailingSpansAppendTheFeaturesOfTheWindowsLastMilliseconds()
    {
        var row = Extract(new FeatureEncoderOptions { Features = "MAV,ZC,Hudgins@50,RMS@20ms" }, out var r);
        var whole = new float[Channels * 2];
        FeatureCatalog.Parse("MAV,ZC").Extract(MultiChannelWindow.OverBlock(Block, Channels), whole);
        var last50 = new float[Channels * 4];
        FeatureSet.Hudgins().Extract(new MultiChannelWindow(Block, Channels, Samples, Samples - 50, 50), last50);
        var last20 = new float[Channels];
        FeatureCatalog.Parse("RMS").Extract(new MultiChannelWindow(Block, Channels, Samples, Samples - 20, 20), last20);
        Assert.Equal(whole.Concat(last50).Concat(last20), row);
        Assert.Equal(["MAV", "ZC", "MAV@50ms", "WL@50ms", "ZC@50ms", "SSC@50ms", "RMS@20ms"], r.Codes);
        Assert.Equal(row.Length, r.ColumnNames.Count);
        Assert.Equal(["ch1.MAV", "ch1.ZC", "ch2.MAV"], r.ColumnNames.Take(3));
        Assert.Equal("ch1.MAV@50ms", r.ColumnNames[Channels * 2]);
        Assert.Equal("ch3.RMS@20ms", r.ColumnNames[^1]);
    }

    [Fact]
    public void SegmentedCodesRepeatTheFeaturesOnEachEqualPartOfTheirSpan()
    {
        // 200 samples in 3 segments: [0, 66), [66, 133), [133, 200); and the last 50 ms in 2 segments of 25
        var row = Extract(new FeatureEncoderOptions { Features = "RMS,MAV/3,WL/3,MAV/2@50", LogAmplitude = true }, out var r);
        var expected = new List<float>();
        void Add(string codes, int start, int length)
        {
            var values = new float[FeatureCatalog.Parse(codes).ValuesPerWindow(Channels)];
            FeatureCatalog.Parse(codes).Extract(new MultiChannelWindow(Block, Channels, Samples, start, length), values);
            expected.AddRange(values.Select(v => MathF.Log(v)));
        }
        Add("RMS", 0, Samples);
        Add("MAV,WL", 0, 66);
        Add("MAV,WL", 66, 67);
        Add("MAV,WL", 133, 67);
        Add("MAV", 150, 25);
        Add("MAV", 175, 25);
        Assert.Equal(expected.Count, row.Length);
        for (int i = 0; i < row.Length; i++) Assert.Equal(expected[i], row[i], 5);
        Assert.Equal(["ln RMS", "ln MAV/3", "ln WL/3", "ln MAV/2@50ms"], r.Codes);
        Assert.Equal(["ch1.RMS", "ch2.RMS", "ch3.RMS", "ch1.MAV/1of3", "ch1.WL/1of3"], r.ColumnNames.Take(5));
        Assert.Equal("ch1.MAV/2of3", r.ColumnNames[3 + 2 * Channels]);
        Assert.Equal("ch3.MAV/2of2@50ms", r.ColumnNames[^1]);
    }

    [Fact]
    public void LogAmplitudeTakesTheLogOfAmplitudeFeaturesOnly()
    {
        var plain = Extract(new FeatureEncoderOptions { Features = "MAV,ZC,MNF,WL@50,ICC" }, out var r);
        var logged = Extract(new FeatureEncoderOptions { Features = "MAV,ZC,MNF,WL@50,ICC", LogAmplitude = true }, out var l);
        Assert.Equal(r.ColumnNames, l.ColumnNames);
        Assert.Equal(["ln MAV", "ZC", "MNF", "ICC", "ln WL@50ms"], l.Codes);
        for (int i = 0; i < plain.Length; i++)
        {
            string code = r.ColumnNames[i].Split('.').Last().Split('@')[0];
            bool amplitude = code is "MAV" or "WL";
            Assert.Equal(amplitude ? MathF.Log(plain[i]) : plain[i], logged[i], 5);
        }
        // a silent window: ln of the smallest amplitude, not −∞
        var silent = WindowRepresentation.Create(new FeatureEncoderOptions { Features = "MAV", LogAmplitude = true }, 1000, Channels, Samples);
        var row = new float[Channels];
        silent.Extract(MultiChannelWindow.OverBlock(new float[Channels * Samples], Channels), row);
        Assert.All(row, v => Assert.Equal(MathF.Log(1e-30f), v));
    }

    [Theory]
    [InlineData("MAV@300", "longer than the 200-sample window")]
    [InlineData("MAV@x", "positive number of ms")]
    [InlineData("MAV@-5", "positive number of ms")]
    [InlineData("MAV,MAV@1", "under 2 samples")]
    [InlineData("MAV@50,MAV@50ms", "more than once")]
    [InlineData("MAV/0", "whole number")]
    [InlineData("MAV/x", "whole number")]
    [InlineData("MAV/101", "segments under 2 samples")]
    [InlineData("MAV,PSD:256", "PSD:256 needs windows of at least 256 samples")]
    [InlineData("PSD:64/4", "PSD:64 needs windows of at least 64 samples; this one has 50")]
    public void BadSpansAreOneLineErrors(string features, string message)
    {
        var e = Assert.Throws<SemgException>(() => WindowRepresentation.Create(new FeatureEncoderOptions { Features = features }, 1000, Channels, Samples));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(WindowInput.EmgImage, 30, "whole frames")]
    [InlineData(WindowInput.Spectrogram, 0, "longer than")]
    public void BadSettingsAreOneLineErrors(WindowInput input, double frameMs, string message)
    {
        var options = new FeatureEncoderOptions { Input = input, FrameMs = frameMs, SegmentSamples = input == WindowInput.Spectrogram ? 512 : 0 };
        var e = Assert.Throws<SemgException>(() => WindowRepresentation.Create(options, 1000, Channels, Samples));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void NamesRoundTrip()
    {
        foreach (var kind in Enum.GetValues<WindowInput>())
            Assert.Equal(kind, WindowRepresentation.Parse(WindowRepresentation.Describe(kind)));
        Assert.Throws<SemgException>(() => WindowRepresentation.Parse("wavelets"));
    }
}
