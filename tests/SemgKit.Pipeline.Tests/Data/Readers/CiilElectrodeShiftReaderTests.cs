using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

public class CiilElectrodeShiftReaderTests
{
    private static Dataset Data => ReaderTestSupport.Shared(SharedData.Ciil, new CiilElectrodeShiftReader());

    private static int[][] RawCsv(string relative) =>
        File.ReadAllLines(Path.Combine(SharedData.Require(SharedData.Ciil), relative))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    [Fact]
    public void ReadsShapeClassesAndTotals()
    {
        var d = Data;
        Assert.Equal("ciil-myo-electrode-shift", d.Name);
        Assert.Equal(["Hand_Close", "Hand_Open", "No_Motion", "Wrist_Extension", "Wrist_Flexion"], d.ClassNames);
        Assert.Equal(21, d.Subjects.Count);
        Assert.Equal("subject0", d.Subjects[0]);
        Assert.Equal(8, d.ChannelCount);
        Assert.Equal(200.0, d.SampleRateHz);
        Assert.Equal(1380, d.Recordings.Count);
        Assert.Equal(840_019L, d.Recordings.Sum(r => (long)r.SampleCount));
    }

    [Theory]
    [InlineData("ElectrodeShift/subject0/training/R_0_C_0.csv")]
    [InlineData("ElectrodeShift/subject13/trial_0/R_1_C_4.csv")]
    [InlineData("ElectrodeShift/subject20/trial_4/R_1_C_2.csv")]
    public void SampleValuesMatchTheRawCsv(string relative)
    {
        var raw = RawCsv(relative);
        var r = Data.BySource(relative);
        Assert.Equal(raw.Length, r.SampleCount);
        foreach (int t in new[] { 0, raw.Length / 2, raw.Length - 1 })
        {
            for (int c = 0; c < 8; c++)
                Assert.Equal(raw[t][c], r[c, t]);
        }
    }

    [Fact]
    public void SessionTrialShiftAndLabel()
    {
        var t = Data.BySource("ElectrodeShift/subject4/training/R_3_C_1.csv");
        Assert.Equal(("subject4", "training", (int?)3), (t.Metadata.Subject, t.Metadata.Session, t.Metadata.Trial));
        Assert.Equal("none", t.Metadata.Extra["shift"]);
        Assert.Equal(1, t.Labels[0]);
        var s = Data.BySource("ElectrodeShift/subject4/trial_2/R_1_C_3.csv");
        Assert.Equal("trial_2", s.Metadata.Session);
        Assert.Equal("trial_2", s.Metadata.Extra["shift"]);
        Assert.Equal(1, s.Metadata.Trial);
        Assert.Equal("Wrist_Extension", Data.ClassNames[s.Labels[0]]);
        // Subjects 13 and 16 also have trial_0.
        var trial0 = Data.Recordings.Where(r => r.Metadata.Session == "trial_0").Select(r => r.Metadata.Subject).Distinct();
        Assert.Equal(["subject13", "subject16"], trial0);
    }

    [Fact]
    public void MetadataKeyFolderTypoIsNotedAndMatchedByFileName()
    {
        Assert.Contains(Data.Notes, n => n.Contains("subject13/training/metadata.json", StringComparison.Ordinal) && n.Contains("triaining", StringComparison.Ordinal));
        Assert.Equal(25, Data.Recordings.Count(r => r.Metadata.Subject == "subject13" && r.Metadata.Session == "training"));
    }

    private static void WriteSession(TempDirectory tmp, string subject, string session, string[] names, string csv = "1,2,3,4,5,6,7,8\r\n-1,-2,-3,-4,-5,-6,-7,-8\r\n")
    {
        var dir = tmp.File(Path.Combine(subject, session));
        Directory.CreateDirectory(dir);
        var entries = new List<string>();
        for (int c = 0; c < names.Length; c++)
        {
            File.WriteAllText(Path.Combine(dir, $"R_0_C_{c}.csv"), csv);
            entries.Add($"\"data/{subject}/sgt/{session}/R_0_C_{c}.csv\": {{\"rep_idx\": 0, \"class_idx\": {c}, \"class_name\": \"{names[c]}\", \"file_type\": \"png\"}}");
        }
        File.WriteAllText(Path.Combine(dir, "metadata.json"), "{\"continuous\": false, " + string.Join(", ", entries) + "}");
    }

    [Fact]
    public void ClassNamesComeFromMetadata()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "subject0", "training", ["Rest", "Fist"]);
        WriteSession(tmp, "subject0", "trial_1", ["Rest", "Fist"]);
        var d = new CiilElectrodeShiftReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(["Rest", "Fist"], d.ClassNames);
        Assert.Equal(4, d.Recordings.Count);
        Assert.Equal(-8f, d.Recordings[0][7, 1]);
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void InconsistentClassNamesAreAnError()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "subject0", "training", ["Rest", "Fist"]);
        WriteSession(tmp, "subject1", "training", ["Rest", "Open"]);
        var e = Assert.Throws<DataFormatException>(() => new CiilElectrodeShiftReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("metadata.json", e.File);
        Assert.Contains("'Open'", e.Message);
        Assert.Contains("'Fist'", e.Message);
    }

    [Fact]
    public void NaNValueIsAnErrorNamingFileRowAndColumn()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "subject0", "training", ["Rest"], "1,2,3,4,5,6,7,8\r\n1,2,3,4,NaN,6,7,8\r\n");
        var e = Assert.Throws<DataFormatException>(() => new CiilElectrodeShiftReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("R_0_C_0.csv", e.File);
        Assert.Equal("row 2, column 5", e.Position);
    }

    [Fact]
    public void ShortRowAndMissingCsvAreErrors()
    {
        using var tmp = new TempDirectory();
        WriteSession(tmp, "subject0", "training", ["Rest", "Fist"], "1,2,3,4,5,6,7,8\r\n1,2,3\r\n");
        var e = Assert.Throws<DataFormatException>(() => new CiilElectrodeShiftReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Equal("row 2", e.Position);
        File.Delete(tmp.File("subject0/training/R_0_C_1.csv"));
        var e2 = Assert.Throws<DataFormatException>(() => new CiilElectrodeShiftReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("R_0_C_1.csv", e2.File);
    }
}
