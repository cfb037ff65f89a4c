using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

public class CoteAllardReaderTests
{
    private static Dataset Data => ReaderTestSupport.Shared(SharedData.CoteAllard, new CoteAllardReader());

    private static short[] RawInt16(string relative)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedData.Require(SharedData.CoteAllard), relative));
        var values = new short[bytes.Length / 2];
        for (int i = 0; i < values.Length; i++)
            values[i] = BitConverter.ToInt16(bytes, 2 * i); // little-endian host (x64/arm64)
        return values;
    }

    [Fact]
    public void ReadsShapeClassesAndTotals()
    {
        var d = Data;
        Assert.Equal("myo-armband-coteallard", d.Name);
        Assert.Equal(["neutral", "radial-deviation", "wrist-flexion", "ulnar-deviation", "wrist-extension", "hand-close", "hand-open"], d.ClassNames);
        Assert.Equal(8, d.ChannelCount);
        Assert.Equal(["ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7", "ch8"], d.ChannelNames);
        Assert.Equal(200.0, d.SampleRateHz);
        Assert.Equal(18 + 19, d.Subjects.Count);
        Assert.Equal(18 * 3 * 28 + 19 * 28, d.Recordings.Count);
        Assert.Equal(2_035_086L, d.Recordings.Sum(r => (long)r.SampleCount));
        Assert.All(d.Recordings, r => Assert.Equal("a.u.", r.ChannelUnits[0]));
    }

    [Theory]
    [InlineData("EvaluationDataset/Male3/training0/classe_0.dat")]
    [InlineData("EvaluationDataset/Female1/Test1/classe_27.dat")]
    [InlineData("EvaluationDataset/Male15/Test0/classe_13.dat")]
    [InlineData("PreTrainingDataset/Female2/training0/classe_9.dat")]
    public void SampleValuesMatchTheRawBytes(string relative)
    {
        var raw = RawInt16(relative);
        var r = Data.BySource(relative);
        Assert.Equal(raw.Length / 8, r.SampleCount);
        foreach (int t in new[] { 0, r.SampleCount / 2, r.SampleCount - 1 })
        {
            for (int c = 0; c < 8; c++)
                Assert.Equal(raw[t * 8 + c], r[c, t]);
        }
    }

    [Fact]
    public void LabelTrialSessionGroupAndSubject()
    {
        var r = Data.BySource("EvaluationDataset/Male3/Test1/classe_19.dat");
        Assert.Equal("Male3", r.Metadata.Subject);
        Assert.Equal("Test1", r.Metadata.Session);
        Assert.Equal(2, r.Metadata.Trial);         // 19 / 7
        Assert.Equal(5, r.Labels[0]);               // 19 mod 7 = hand close
        Assert.Equal("evaluation", r.Metadata.Group);
        var p = Data.BySource("PreTrainingDataset/Male3/training0/classe_6.dat");
        Assert.Equal("pre-Male3", p.Metadata.Subject);
        Assert.Equal("pretraining", p.Metadata.Group);
        Assert.Equal("training0", p.Metadata.Session);
        Assert.Equal(0, p.Metadata.Trial);
        Assert.Equal(6, p.Labels[^1]);
        Assert.Empty(Data.Subjects.Where(s => s.StartsWith("pre-", StringComparison.Ordinal)).Intersect(Data.Subjects.Where(s => !s.StartsWith("pre-", StringComparison.Ordinal))));
        Assert.Equal(["training0", "Test0", "Test1"], Data.Recordings.Where(x => x.Metadata.Subject == "Female0").Select(x => x.Metadata.Session!).Distinct());
    }

    [Fact]
    public void PaperSubjectsAreMarked()
    {
        var evaluationPaper = Data.Recordings
            .Where(r => r.Metadata.Group == "evaluation" && r.Metadata.Extra["paperSubject"] == "true")
            .Select(r => r.Metadata.Subject).Distinct().ToArray();
        Assert.Equal(17, evaluationPaper.Length);
        Assert.DoesNotContain("Male15", evaluationPaper);
        Assert.Contains("Male14", evaluationPaper);
        Assert.Contains("Female1", evaluationPaper);
        Assert.True(CoteAllardReader.IsPaperSubject("pretraining", "Female6"));
        Assert.False(CoteAllardReader.IsPaperSubject("pretraining", "Female7"));
        Assert.False(CoteAllardReader.IsPaperSubject("evaluation", "Female2"));
    }

    [Fact]
    public void PreTrainingFemale7To9AreExcludedAsDuplicatesOfEvaluationFemale0()
    {
        var root = SharedData.Require(SharedData.CoteAllard);
        // Independent check of the quirk itself.
        foreach (var (pre, session) in new[] { ("Female7", "training0"), ("Female8", "Test0"), ("Female9", "Test1") })
        {
            for (int i = 0; i < 28; i += 9)
            {
                Assert.Equal(
                    File.ReadAllBytes(Path.Combine(root, "EvaluationDataset", "Female0", session, $"classe_{i}.dat")),
                    File.ReadAllBytes(Path.Combine(root, "PreTrainingDataset", pre, "training0", $"classe_{i}.dat")));
            }
        }
        var subjects = Data.Subjects;
        Assert.DoesNotContain("pre-Female7", subjects);
        Assert.DoesNotContain("pre-Female8", subjects);
        Assert.DoesNotContain("pre-Female9", subjects);
        Assert.Contains("pre-Female6", subjects);
        Assert.Equal(3, Data.Notes.Count);
        Assert.Contains(Data.Notes, n => n.Contains("PreTrainingDataset/Female8", StringComparison.Ordinal) && n.Contains("Female0/Test0", StringComparison.Ordinal));
    }

    [Fact]
    public void OddByteCountIsAnErrorWithBytePosition()
    {
        using var tmp = new TempDirectory();
        var file = tmp.File("classe_0.dat");
        var e = Assert.Throws<DataFormatException>(() =>
            CoteAllardReader.Decode(new byte[33], file, new RecordingMetadata(file, "x"), 0));
        Assert.Equal(file, e.File);
        Assert.Equal("byte 32", e.Position);
        Assert.Contains("odd byte count", e.Message);
        var e2 = Assert.Throws<DataFormatException>(() =>
            CoteAllardReader.Decode(new byte[36], file, new RecordingMetadata(file, "x"), 0));
        Assert.Equal("byte 32", e2.Position);
    }

    [Fact]
    public void TruncatedFileInAFolderFailsTheRead()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "EvaluationDataset/Male0/training0");
        WriteSession(tmp, "EvaluationDataset/Male0/Test0");
        WriteSession(tmp, "EvaluationDataset/Male0/Test1");
        WriteSession(tmp, "PreTrainingDataset/Male0/training0", seed: 100);
        File.WriteAllBytes(tmp.File("EvaluationDataset/Male0/Test0/classe_5.dat"), new byte[16 * 3 + 1]);
        var e = Assert.Throws<DataFormatException>(() => new CoteAllardReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("classe_5.dat", e.File);
        Assert.Equal("byte 48", e.Position);
    }

    [Fact]
    public void SyntheticFolderReadsAndMissingFileIsAnError()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "EvaluationDataset/Male0/training0");
        WriteSession(tmp, "EvaluationDataset/Male0/Test0");
        WriteSession(tmp, "EvaluationDataset/Male0/Test1");
        WriteSession(tmp, "PreTrainingDataset/Female0/training0", seed: 100);
        var d = new CoteAllardReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(4 * 28, d.Recordings.Count);
        Assert.Equal(["Male0", "pre-Female0"], d.Subjects);
        Assert.Equal(-3f, d.Recordings[0][1, 0]);
        File.Delete(tmp.File("EvaluationDataset/Male0/Test1/classe_27.dat"));
        var e = Assert.Throws<DataFormatException>(() => new CoteAllardReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("classe_27.dat", e.File);
    }

    private static void WriteSession(TempDirectory tmp, string folder, int seed = 0)
    {
        Directory.CreateDirectory(tmp.File(folder));
        for (int i = 0; i < 28; i++)
        {
            var bytes = new byte[16 * 4];
            for (int k = 0; k < 32; k++)
                BitConverter.TryWriteBytes(bytes.AsSpan(2 * k), (short)((k % 3 == 1 ? -3 : k) + i + seed));
            File.WriteAllBytes(tmp.File($"{folder}/classe_{i}.dat"), bytes);
        }
    }
}
