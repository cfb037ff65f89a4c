using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

public class UciLowerLimbReaderTests
{
    private static Dataset Data => ReaderTestSupport.Shared(SharedData.UciLowerLimb, new UciLowerLimbReader());

    /// <summary>Independent parse: the first four tab fields of every line whose first field is a number.</summary>
    private static List<float[]> RawRows(string relative)
    {
        var path = Path.Combine(SharedData.Require(SharedData.UciLowerLimb), relative);
        var rows = new List<float[]>();
        foreach (var line in File.ReadAllLines(path))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                continue;
            rows.Add(fields.Take(4).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }
        return rows;
    }

    [Fact]
    public void ReadsShapeClassesAndTotals()
    {
        var d = Data;
        Assert.Equal("uci-lower-limb", d.Name);
        Assert.Equal(["gait", "leg-extension", "knee-flexion"], d.ClassNames);
        Assert.Equal(22, d.Subjects.Count);
        Assert.Equal(["RF", "BF", "VM", "ST"], d.ChannelNames);
        Assert.Equal(1000.0, d.SampleRateHz);
        Assert.Equal(64, d.Recordings.Count);
        // 1,325,048 rows in 66 files, minus the duplicated 2Npie (14,520) and 2Nsen (15,300).
        Assert.Equal(1_295_228L, d.Recordings.Sum(r => (long)r.SampleCount));
        Assert.All(d.Recordings, r => Assert.Equal(["mV", "mV", "mV", "mV"], r.ChannelUnits));
    }

    [Fact]
    public void AllSixtySixFilesTotalTheProvenanceRowCount()
    {
        var root = SharedData.Require(SharedData.UciLowerLimb);
        var dropped = new[] { "N_TXT/2Npie.txt", "N_TXT/2Nsen.txt" }
            .Sum(f => UciLowerLimbReader.ReadFile(root, new UciLowerLimbReader.FileEntry(Path.Combine(root, f), 'N', 2, f.Contains("pie") ? 2 : 1)).SampleCount);
        Assert.Equal(1_325_048L, Data.Recordings.Sum(r => (long)r.SampleCount) + dropped);
    }

    [Fact]
    public void DuplicatedSubject2NFilesAreDroppedAndNoted()
    {
        var d = Data;
        var sources = d.Recordings.Select(r => r.Metadata.Source).ToHashSet();
        Assert.DoesNotContain("N_TXT/2Npie.txt", sources);
        Assert.DoesNotContain("N_TXT/2Nsen.txt", sources);
        Assert.Contains("N_TXT/2Nmar.txt", sources);
        Assert.Contains("N_TXT/1Npie.txt", sources);
        Assert.Equal(2, d.Notes.Count);
        Assert.Contains(d.Notes, n => n.Contains("2Npie.txt", StringComparison.Ordinal) && n.Contains("1Npie.txt", StringComparison.Ordinal));
        Assert.Contains(d.Notes, n => n.Contains("2Nsen.txt", StringComparison.Ordinal) && n.Contains("1Nsen.txt", StringComparison.Ordinal));
        // Subject N2 remains (gait only).
        Assert.Single(d.Recordings, r => r.Metadata.Subject == "N2");
    }

    [Theory]
    [InlineData("N_TXT/1Nmar.txt")]
    [InlineData("N_TXT/4Nsen.txt")]
    [InlineData("N_TXT/11Npie.txt")]
    [InlineData("A_TXT/1Amar.txt")]
    [InlineData("A_TXT/6Asen.txt")]
    [InlineData("A_TXT/9Amar.txt")]
    [InlineData("A_TXT/11Apie.txt")]
    public void SampleValuesMatchTheRawText(string relative)
    {
        var raw = RawRows(relative);
        var r = Data.BySource(relative);
        Assert.Equal(raw.Count, r.SampleCount);
        foreach (int t in new[] { 0, 1, raw.Count / 2, raw.Count - 1 })
        {
            for (int c = 0; c < 4; c++)
                Assert.Equal(raw[t][c], r[c, t]);
        }
    }

    [Fact]
    public void TrailingFxOnlyRowsAndThe75VRowAreSkipped()
    {
        // 1Nmar.txt: 5681 EMG rows, then 18 "\t\t\t\t7.5" rows, one "\t\t\t\t7.5V" row and a blank FX row.
        var path = Path.Combine(SharedData.Require(SharedData.UciLowerLimb), "N_TXT/1Nmar.txt");
        var lines = File.ReadAllLines(path);
        Assert.Contains("\t\t\t\t7.5V", lines);
        Assert.Equal(5681, Data.BySource("N_TXT/1Nmar.txt").SampleCount);
        Assert.Equal(5845, Data.BySource("N_TXT/10Nmar.txt").SampleCount); // 15 trailing "\t\t\t\t3.9" rows
        Assert.Equal(9539, Data.BySource("N_TXT/3Npie.txt").SampleCount);  // 21 trailing FX-only rows
    }

    [Fact]
    public void RowsWithAnEmptyFxColumnAreKept()
    {
        // 4Nsen.txt, 7Npie.txt and 8Nsen.txt each end with one EMG row whose FX field is empty.
        Assert.Equal(15601, Data.BySource("N_TXT/4Nsen.txt").SampleCount);
        Assert.Equal(15941, Data.BySource("N_TXT/7Npie.txt").SampleCount);
        Assert.Equal(24161, Data.BySource("N_TXT/8Nsen.txt").SampleCount);
        var last = Data.BySource("N_TXT/4Nsen.txt");
        Assert.Equal(0.0007f, last[0, last.SampleCount - 1]);
        Assert.Equal(-0.003f, last[3, last.SampleCount - 1]);
    }

    [Fact]
    public void SixColumnFilesKeepFourEmgChannelsAndEightLineHeaders()
    {
        foreach (var name in new[] { "9Amar", "10Apie", "11Asen" })
        {
            var r = Data.BySource($"A_TXT/{name}.txt");
            Assert.Equal(4, r.ChannelCount);
            Assert.Equal(["RF", "BF", "VM", "ST"], r.ChannelNames);
            Assert.Equal("Recto femoral,Biceps Femoral,Vasto Medial,Semitendinoso", r.Metadata.Extra["headerChannels"]);
        }
        // 10Amar.txt first row: -0.0046 -0.0023 0 0.0007 11.5 31
        var ten = Data.BySource("A_TXT/10Amar.txt");
        Assert.Equal([-0.0046f, -0.0023f, 0f, 0.0007f], Enumerable.Range(0, 4).Select(c => ten[c, 0]));
    }

    [Fact]
    public void HeaderChannelNamesAreMappedToAbbreviations()
    {
        Assert.Equal("Recto Femoral,Biceps Femoral,Vasto Medial,EMG Semitendinoso", Data.BySource("A_TXT/1Amar.txt").Metadata.Extra["headerChannels"]);
        Assert.Equal("RF,BF,VM,ST", Data.BySource("N_TXT/1Nmar.txt").Metadata.Extra["headerChannels"]);
        Assert.Equal("RF", UciLowerLimbReader.Canonical("Recto femoral"));
        Assert.Equal("ST", UciLowerLimbReader.Canonical("EMG Semitendinoso"));
        Assert.Null(UciLowerLimbReader.Canonical("Flexo"));
    }

    [Fact]
    public void MetadataAndLabels()
    {
        var d = Data;
        var n1 = d.BySource("N_TXT/1Nsen.txt");
        Assert.Equal(("N1", (string?)null, (int?)1, "healthy"), (n1.Metadata.Subject, n1.Metadata.Session, n1.Metadata.Trial, n1.Metadata.Group));
        Assert.Equal("sen", n1.Metadata.Extra["task"]);
        Assert.All(n1.Labels.ToArray(), l => Assert.Equal(1, l));
        var a3 = d.BySource("A_TXT/3Apie.txt");
        Assert.Equal("A3", a3.Metadata.Subject);
        Assert.Equal("abnormal", a3.Metadata.Group);
        Assert.Equal("pie", a3.Metadata.Extra["task"]);
        Assert.All(a3.Labels.ToArray(), l => Assert.Equal(2, l));
        Assert.Equal(0, d.BySource("A_TXT/3Amar.txt").Labels[0]);
        Assert.Equal(11, d.Recordings.Select(r => r.Metadata.Subject).Distinct().Count(s => s.StartsWith('N')));
    }

    private static string Header(int n, string name = "RF") =>
        $"File Name: x.log\r\nChannel 1: '{name}', {n} values, engineering units: mV, no filters.\r\nChannel 2: 'BF', {n} values, engineering units: mV, no filters.\r\n" +
        $"Channel 3: 'VM', {n} values, engineering units: mV, no filters.\r\nChannel 4: 'ST', {n} values, engineering units: mV, no filters.\r\n" +
        $"Channel 5: 'FX', 1 values, engineering units: deg, no filters.\r\n\r\n";

    private static string MakeFolder(TempDirectory tmp, string nText, string aText = "")
    {
        Directory.CreateDirectory(tmp.File("N_TXT"));
        Directory.CreateDirectory(tmp.File("A_TXT"));
        File.WriteAllText(tmp.File("N_TXT/1Nmar.txt"), nText);
        File.WriteAllText(tmp.File("A_TXT/1Apie.txt"), aText.Length > 0 ? aText : Header(1) + "0.5\t0.25\t0\t-1\t3\r\n");
        return tmp.Path;
    }

    [Fact]
    public void SyntheticFolderReadsWithStrayRows()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(2) + "0.1\t0.2\t0.3\t0.4\t5\r\n1e-3\t-2\t3\t4\t\r\n\t\t\t\t7.5\r\n\t\t\t\t7.5V\r\n\t\t\t\t\r\n");
        var d = new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(2, d.Recordings.Count);
        var n = d.Recordings[0];
        Assert.Equal("N1", n.Metadata.Subject);
        Assert.Equal(2, n.SampleCount);
        Assert.Equal(0.001f, n[0, 1]);
        Assert.Equal(0.4f, n[3, 0]);
        Assert.Equal("A1", d.Recordings[1].Metadata.Subject);
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void NonNumericCellNamesFileRowAndColumn()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(2) + "0.1\t0.2\t0.3\t0.4\t5\r\n0.1\tabc\t0.3\t0.4\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("1Nmar.txt", e.File);
        Assert.Equal("row 9, column 2", e.Position);
        Assert.Contains("1Nmar.txt: row 9, column 2", e.Message);
        Assert.Contains("abc", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e40")]
    public void NonFiniteValueIsAnError(string value)
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(2) + "0.1\t0.2\t0.3\t0.4\t5\r\n0.1\t0.2\t" + value + "\t0.4\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Equal("row 9, column 3", e.Position);
        Assert.Contains("non-finite", e.Problem);
    }

    [Fact]
    public void HeaderCountMismatchIsAnError()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(3) + "0.1\t0.2\t0.3\t0.4\t5\r\n0.1\t0.2\t0.3\t0.4\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("states 3 values, but the file has 2 EMG rows", e.Message);
    }

    [Fact]
    public void PartlyEmptyEmgRowIsAnError()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(2) + "0.1\t0.2\t0.3\t0.4\t5\r\n0.1\t\t0.3\t0.4\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.StartsWith("row 9", e.Position);
    }

    [Fact]
    public void UnexpectedChannelOrderIsAnError()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(1, name: "ST") + "0.1\t0.2\t0.3\t0.4\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("expected RF", e.Message);
    }

    [Fact]
    public void MissingFolderIsAnError()
    {
        using var tmp = new TempDirectory();
        Directory.CreateDirectory(tmp.File("N_TXT"));
        Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Throws<DataFormatException>(() => new UciLowerLimbReader().Read(tmp.File("nope"), DatasetReadOptions.Default, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ReportsProgressAndHonoursCancellation()
    {
        using var tmp = new TempDirectory();
        var root = MakeFolder(tmp, Header(1) + "0.1\t0.2\t0.3\t0.4\t5\r\n");
        var reports = new List<(int, int)>();
        var progress = new SynchronousProgress(reports);
        new UciLowerLimbReader().Read(root, new DatasetReadOptions { Progress = progress }, TestContext.Current.CancellationToken);
        Assert.Contains((2, 2), reports);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new UciLowerLimbReader().Read(root, DatasetReadOptions.Default, cts.Token));
    }

    private sealed class SynchronousProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
