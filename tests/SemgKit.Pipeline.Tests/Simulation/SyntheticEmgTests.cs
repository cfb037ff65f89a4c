using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

public sealed class SyntheticEmgTests(ITestOutputHelper output)
{
    private static readonly SyntheticEmgOptions Small = SyntheticEmgOptions.Default with
    {
        SubjectCount = 2,
        ClassCount = 3,
        RepetitionCount = 2,
    };

    [Fact]
    public void SameSeed_GivesBitwiseIdenticalDatasets()
    {
        var a = SyntheticEmg.Generate(Small, 5, TestContext.Current.CancellationToken);
        var b = SyntheticEmg.Generate(Small, 5, TestContext.Current.CancellationToken);
        Assert.Equal(a.Recordings.Count, b.Recordings.Count);
        for (int i = 0; i < a.Recordings.Count; i++)
        {
            Assert.True(a.Recordings[i].Samples.SequenceEqual(b.Recordings[i].Samples), $"recording {i} differs");
            Assert.True(a.Recordings[i].Labels.SequenceEqual(b.Recordings[i].Labels));
            Assert.Equal(a.Recordings[i].Metadata.Source, b.Recordings[i].Metadata.Source);
        }
    }

    [Fact]
    public void DifferentSeed_GivesDifferentSamples()
    {
        var a = SyntheticEmg.Generate(Small, 5, TestContext.Current.CancellationToken);
        var b = SyntheticEmg.Generate(Small, 6, TestContext.Current.CancellationToken);
        for (int i = 0; i < a.Recordings.Count; i++)
            Assert.False(a.Recordings[i].Samples.SequenceEqual(b.Recordings[i].Samples));
    }

    [Fact]
    public void Output_IsPinned_SoAnyChangeOrPlatformDependenceIsNoticed()
    {
        // The generator uses its own PRNG and IEEE-only maths, so this fingerprint must be the same on every
        // machine. If you change the model on purpose, update the constant (and say so in the commit).
        var dataset = SyntheticEmg.Generate(Small with { SubjectCount = 1, RepetitionCount = 1 }, 2024, TestContext.Current.CancellationToken);
        ulong hash = 14695981039346656037UL;
        foreach (var recording in dataset.Recordings)
        {
            foreach (float v in recording.Samples)
            {
                hash ^= BitConverter.SingleToUInt32Bits(v);
                hash *= 1099511628211UL;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fingerprint 0x{hash:X16}"));
        Assert.Equal(PinnedFingerprint, hash);
    }

    private const ulong PinnedFingerprint = 0xDB883AF48FF11B54UL;

    [Fact]
    public void LabelLayout_IsRestThenMovementThenRest_AtTheDocumentedSamples()
    {
        var options = Small with { SampleRateHz = 2000, RestBeforeMs = 500, ContractionMs = 1500, RestAfterMs = 700, SubjectCount = 1 };
        Assert.Equal(1000, options.RestBeforeSamples);
        Assert.Equal(3000, options.ContractionSamples);
        Assert.Equal(1400, options.RestAfterSamples);
        Assert.Equal(5400, options.RecordingSamples);
        var dataset = SyntheticEmg.Generate(options, 1, TestContext.Current.CancellationToken);
        foreach (var recording in dataset.Recordings)
        {
            Assert.Equal(5400, recording.SampleCount);
            int movement = dataset.ClassIndex(recording.Metadata.Extra["movement"]);
            Assert.True(movement > 0);
            var labels = recording.Labels;
            for (int t = 0; t < labels.Length; t++)
            {
                int expected = t >= 1000 && t < 4000 ? movement : 0;
                Assert.Equal(expected, labels[t]);
            }
        }
    }

    [Fact]
    public void DefaultDataset_HasTheDocumentedShapeAndMetadata()
    {
        var dataset = DefaultSyntheticDataset.Dataset;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataset.Recordings.Count} recordings, {dataset.TotalSeconds:F0} s, {dataset.Recordings.Sum(r => r.Samples.Length) * 4 / 1e6:F1} MB; generated in {DefaultSyntheticDataset.GenerationTime.TotalMilliseconds:F0} ms"));

        Assert.Equal("synthetic", dataset.Name);
        Assert.Null(dataset.Source);
        Assert.NotEmpty(dataset.Notes);
        Assert.Equal(["rest", "hand-open", "hand-close", "wrist-flexion", "wrist-extension", "pronation", "supination"], dataset.ClassNames);
        Assert.Equal(["ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7", "ch8"], dataset.ChannelNames);
        Assert.Equal(1000, dataset.SampleRateHz);
        Assert.Equal(4 * 6 * 6, dataset.Recordings.Count);
        Assert.Equal(["s01", "s02", "s03", "s04"], dataset.Subjects);
        Assert.Equal(720, dataset.TotalSeconds, 6);

        int i = 0;
        foreach (var subject in dataset.Subjects)
        {
            for (int movement = 1; movement < dataset.ClassNames.Count; movement++)
            {
                for (int rep = 1; rep <= 6; rep++)
                {
                    var r = dataset.Recordings[i++];
                    Assert.Equal(subject, r.Metadata.Subject);
                    Assert.Equal("1", r.Metadata.Session);
                    Assert.Equal(rep, r.Metadata.Trial);
                    Assert.Equal("healthy", r.Metadata.Group);
                    Assert.Equal(dataset.ClassNames[movement], r.Metadata.Extra["movement"]);
                    Assert.Equal($"synthetic/{subject}/{dataset.ClassNames[movement]}/rep{rep}", r.Metadata.Source);
                    Assert.Equal(5000, r.SampleCount);
                    Assert.All(r.ChannelUnits, u => Assert.Equal("mV", u));
                    Assert.Equal(movement, r.Labels[2500]);
                    Assert.Equal(0, r.Labels[0]);
                    Assert.Equal(0, r.Labels[4999]);
                    Assert.True(AllFinite(r.Samples));
                }
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    public void ClassNames_StartWithRest_ThenNamedMovements_ThenNumbered(int classCount)
    {
        var names = (SyntheticEmgOptions.Default with { ClassCount = classCount }).ClassNames;
        Assert.Equal(classCount, names.Count);
        Assert.Equal("rest", names[0]);
        Assert.Equal("hand-open", names[1]);
        Assert.Equal(names.Count, names.Distinct().Count());
        if (classCount == 10)
            Assert.Equal(["movement-7", "movement-8", "movement-9"], names.Skip(7));
    }

    [Fact]
    public void NonDefaultShapes_Work_ChannelsMusclesClassesRate()
    {
        var options = new SyntheticEmgOptions
        {
            ChannelCount = 3,
            MuscleCount = 5,
            ClassCount = 10,
            SubjectCount = 1,
            RepetitionCount = 1,
            SampleRateHz = 2048,
            MainsFrequencyHz = 60,
            MainsHarmonicCount = 40,
            ContractionMs = 1000,
            RestBeforeMs = 0,
            RestAfterMs = 250,
        };
        var dataset = SyntheticEmg.Generate(options, 3, TestContext.Current.CancellationToken);
        Assert.Equal(9, dataset.Recordings.Count);
        Assert.Equal(3, dataset.ChannelCount);
        Assert.Equal(2048, dataset.SampleRateHz);
        foreach (var r in dataset.Recordings)
        {
            Assert.Equal(2048 + 512, r.SampleCount);
            Assert.NotEqual(0, r.Labels[0]);
            Assert.Equal(0, r.Labels[r.SampleCount - 1]);
            Assert.True(AllFinite(r.Samples));
        }
    }

    [Fact]
    public void InvalidOptions_AreAllReportedAtOnce()
    {
        var options = SyntheticEmgOptions.Default with { ChannelCount = 0, ClassCount = 1, Difficulty = 2, SampleRateHz = double.NaN };
        var errors = options.Validate();
        Assert.Equal(4, errors.Count);
        var ex = Assert.Throws<ArgumentException>(() => SyntheticEmg.Generate(options, 1, TestContext.Current.CancellationToken));
        Assert.Contains("ChannelCount", ex.Message);
        Assert.Contains("ClassCount", ex.Message);
        Assert.Contains("Difficulty", ex.Message);
        Assert.Contains("SampleRateHz", ex.Message);
        Assert.Empty(SyntheticEmgOptions.Default.Validate());
    }

    [Fact]
    public void Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticEmg.Generate(SyntheticEmgOptions.Default, 1, cts.Token));
    }

    [Fact]
    public void DefaultOptions_DescribeTheDemo()
    {
        var o = SyntheticEmgOptions.Default;
        Assert.Equal(144, o.RecordingCount);
        Assert.Equal(5000, o.RecordingSamples);
        Assert.Equal(46, o.NominalSnrDb, 0);
    }

    private static bool AllFinite(ReadOnlySpan<float> samples)
    {
        foreach (float v in samples)
        {
            if (!float.IsFinite(v))
                return false;
        }
        return true;
    }

    internal static Recording Find(Dataset dataset, string subject, string movement, int repetition) =>
        dataset.Recordings.Single(r => r.Metadata.Subject == subject && r.Metadata.Trial == repetition && r.Metadata.Extra["movement"] == movement);
}
