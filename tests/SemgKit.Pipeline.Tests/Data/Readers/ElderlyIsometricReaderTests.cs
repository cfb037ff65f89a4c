using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Readers;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

public class ElderlyIsometricReaderTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static Dataset Data => ReaderTestSupport.Shared(SharedData.Elderly, new ElderlyIsometricReader());

    /// <summary>Independent parse with LINQ to XML: rows of cells A..D of a worksheet part.</summary>
    private static List<double[]> RawSheet(string file, string part)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(SharedData.Require(SharedData.Elderly), file));
        using var stream = zip.GetEntry(part)!.Open();
        var doc = XDocument.Load(stream);
        return doc.Descendants(Main + "row")
            .Select(row => row.Elements(Main + "c").Take(4).Select(c => double.Parse(c.Element(Main + "v")!.Value, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
    }

    private static Recording Sheet(int id, int position) =>
        Data.Recordings.Single(r => r.Metadata.Subject == $"ID{id}" && r.Metadata.Source.EndsWith($"#sheet {position} ({r.Metadata.Extra["sheet"]})", StringComparison.Ordinal));

    [Fact]
    public void ReadsShapeClassesAndTotals()
    {
        var d = Data;
        Assert.Equal("elderly-lower-limb-isometric", d.Name);
        Assert.Equal(["knee-extension", "knee-flexion", "ankle-dorsiflexion", "ankle-plantarflexion"], d.ClassNames);
        Assert.Equal(["VL", "BF", "TA", "GL"], d.ChannelNames);
        Assert.Equal(2000.0, d.SampleRateHz);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"ID{i}"), d.Subjects);
        Assert.Equal(120, d.Recordings.Count);
        Assert.Equal(28 * 4 * 20001L + 2 * (2 * 10001 + 2 * 20001), d.Recordings.Sum(r => (long)r.SampleCount));
        for (int i = 0; i < d.Recordings.Count; i++)
        {
            Assert.Equal(i % 4, d.Recordings[i].Labels[0]);
            Assert.Equal(1, d.Recordings[i].Metadata.Trial);
        }
    }

    [Fact]
    public void Id5AndId6HaveShortVlAndBfSheets()
    {
        foreach (int id in new[] { 5, 6 })
        {
            var counts = Data.Recordings.Where(r => r.Metadata.Subject == $"ID{id}").Select(r => r.SampleCount).ToArray();
            Assert.Equal([10001, 10001, 20001, 20001], counts);
        }
        Assert.All(Data.Recordings.Where(r => r.Metadata.Subject is not ("ID5" or "ID6")), r => Assert.Equal(20001, r.SampleCount));
    }

    [Fact]
    public void Id6SheetNameTypoIsReadByPosition()
    {
        var ta = Sheet(6, 4);
        Assert.Equal("EMB_TA", ta.Metadata.Extra["sheet"]);
        Assert.Equal(2, ta.Labels[0]); // ankle dorsiflexion
        var raw = RawSheet("ID 6.xlsx", "xl/worksheets/sheet4.xml");
        Assert.Equal(raw.Count, ta.SampleCount);
        foreach (int t in new[] { 0, raw.Count / 2, raw.Count - 1 })
        {
            for (int c = 0; c < 4; c++)
                Assert.Equal((float)raw[t][c], ta[c, t]);
        }
        Assert.Equal("EMG_LG", Sheet(6, 5).Metadata.Extra["sheet"]);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 3)]
    [InlineData(30, 5)]
    public void SampleValuesMatchTheRawSheet(int id, int position)
    {
        var r = Sheet(id, position);
        var raw = RawSheet($"ID {id}.xlsx", $"xl/worksheets/sheet{position}.xml");
        Assert.Equal(raw.Count, r.SampleCount);
        foreach (int t in new[] { 0, 1, raw.Count / 3, raw.Count - 1 })
        {
            for (int c = 0; c < 4; c++)
                Assert.Equal((float)raw[t][c], r[c, t]);
        }
        Assert.Equal(position - 2, r.Labels[0]);
    }

    [Fact]
    public void DemographicsGoToExtra()
    {
        var id1 = Data.Recordings.First(r => r.Metadata.Subject == "ID1").Metadata.Extra;
        Assert.Equal("74", id1["age"]);
        Assert.Equal("94", id1["weight"]);
        Assert.Equal("170", id1["height"]);
        Assert.Equal("49", id1["bergBalance"]);
        var id9 = Data.Recordings.First(r => r.Metadata.Subject == "ID9").Metadata.Extra;
        Assert.Equal("80", id9["age"]);
        Assert.Equal("45", id9["bergBalance"]);
        Assert.Empty(Data.Notes);
    }

    private static readonly double[][] Rows = [[1, 2, 3, 4], [-5.5, 6e-3, 7, 8]];

    private static void WriteWorkbook(string path, int emgSheets, string? emgSheetData = null, IReadOnlyList<string>? sst = null, bool reverse = false)
    {
        var sheets = new List<(string, string)> { ("DNM", ReaderTestSupport.NumericRows(Rows)) };
        for (int i = 0; i < emgSheets; i++)
            sheets.Add(($"EMG_{i}", emgSheetData ?? ReaderTestSupport.NumericRows(Rows.Select(r => r.Select(v => v + i).ToArray()).ToArray())));
        ReaderTestSupport.WriteXlsx(path, sheets, sst, reverse);
    }

    [Fact]
    public void SyntheticWorkbookFollowsRelationshipsNotPartNames()
    {
        using var tmp = new TempDirectory();
        WriteWorkbook(tmp.File("ID 1.xlsx"), 4, reverse: true);
        var d = new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(4, d.Recordings.Count);
        Assert.Single(d.Notes); // no Demographics.xlsx
        for (int task = 0; task < 4; task++)
        {
            var r = d.Recordings[task];
            Assert.Equal($"EMG_{task}", r.Metadata.Extra["sheet"]);
            Assert.Equal(1f + task, r[0, 0]);
            Assert.Equal(6e-3f + task, r[1, 1]);
        }
    }

    [Fact]
    public void SharedStringsInlineStringsAndCellsWithoutReferences()
    {
        using var tmp = new TempDirectory();
        var data =
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>2.5</t></is></c><c><v>3</v></c><c t=\"n\"><v>4</v></c><c r=\"F1\"><v>99</v></c></row>" +
            "<row><c r=\"A2\" s=\"1\"><v>-1</v></c><c r=\"B2\"><v>1E-2</v></c><c r=\"C2\" t=\"s\"><v>1</v></c><c r=\"D2\"><f>A2</f><v>-1</v></c></row>";
        WriteWorkbook(tmp.File("ID 3.xlsx"), 4, data, sst: ["1.5", " 7 "]);
        var d = new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        var r = d.Recordings[0];
        Assert.Equal("ID3", r.Metadata.Subject);
        Assert.Equal(2, r.SampleCount);
        Assert.Equal([1.5f, 2.5f, 3f, 4f], Enumerable.Range(0, 4).Select(c => r[c, 0]));
        Assert.Equal([-1f, 0.01f, 7f, -1f], Enumerable.Range(0, 4).Select(c => r[c, 1]));
    }

    [Fact]
    public void RichTextCellsFallBackToTheXmlReader()
    {
        using var tmp = new TempDirectory();
        var data =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>1</t></r><r><t>.5</t></r></is></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c><c r=\"D1\"><v>4</v></c></row>" +
            "<row r=\"2\"><c r=\"A2\"><v>5</v></c><c r=\"B2\"><v>6</v></c><c r=\"C2\"><v>-Infinity</v></c><c r=\"D2\"><v>8</v></c></row>";
        WriteWorkbook(tmp.File("ID 8.xlsx"), 4, data);
        var e = Assert.Throws<DataFormatException>(() => new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Equal("sheet 2 (EMG_0), cell C2", e.Position);
        WriteWorkbook(tmp.File("ID 8.xlsx"), 4, data.Replace("-Infinity", "7", StringComparison.Ordinal));
        var r = new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken).Recordings[0];
        Assert.Equal([1.5f, 2f, 3f, 4f], Enumerable.Range(0, 4).Select(c => r[c, 0]));
        Assert.Equal(7f, r[2, 1]);
    }

    [Fact]
    public void CorruptWorkbookIsAnError()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.File("ID 1.xlsx"), "this is not a zip archive");
        var e = Assert.Throws<DataFormatException>(() => new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("ID 1.xlsx", e.File);
        Assert.Contains("not a zip", e.Message);
    }

    [Fact]
    public void MissingSheetIsAnError()
    {
        using var tmp = new TempDirectory();
        WriteWorkbook(tmp.File("ID 2.xlsx"), 3);
        var e = Assert.Throws<DataFormatException>(() => new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("ID 2.xlsx", e.File);
        Assert.Equal("sheet 5", e.Position);
        Assert.Contains("missing sheet", e.Message);
    }

    [Theory]
    [InlineData("<c r=\"C2\"><v>NaN</v></c>", "cell C2", "non-finite")]
    [InlineData("<c r=\"C2\" t=\"inlineStr\"><is><t>abc</t></is></c>", "cell C2", "not a number")]
    [InlineData("<c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c>", "cell C2", "error value")]
    [InlineData("", "cell C2", "missing cell")]
    public void BadCellsNameFileSheetAndCell(string cellC2, string cell, string problem)
    {
        using var tmp = new TempDirectory();
        var data = "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>1</v></c><c r=\"C1\"><v>1</v></c><c r=\"D1\"><v>1</v></c></row>" +
                   $"<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>1</v></c>{cellC2}<c r=\"D2\"><v>1</v></c></row>";
        WriteWorkbook(tmp.File("ID 4.xlsx"), 4, data);
        var e = Assert.Throws<DataFormatException>(() => new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.EndsWith("ID 4.xlsx", e.File);
        Assert.Equal($"sheet 2 (EMG_0), {cell}", e.Position);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void MissingRowInsideTheDataIsAnError()
    {
        using var tmp = new TempDirectory();
        var data = ReaderTestSupport.NumericRows(Rows).Replace("row r=\"2\"", "row r=\"3\"", StringComparison.Ordinal)
            .Replace("A2\"", "A3\"", StringComparison.Ordinal).Replace("B2\"", "B3\"", StringComparison.Ordinal)
            .Replace("C2\"", "C3\"", StringComparison.Ordinal).Replace("D2\"", "D3\"", StringComparison.Ordinal);
        WriteWorkbook(tmp.File("ID 4.xlsx"), 4, data);
        var e = Assert.Throws<DataFormatException>(() => new ElderlyIsometricReader().Read(tmp.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Equal("sheet 2 (EMG_0), cell A2", e.Position);
    }

    [Fact]
    public void CellNamesRoundTrip()
    {
        Assert.Equal("B7", XlsxWorkbook.CellName(7, 1));
        Assert.Equal("AA10", XlsxWorkbook.CellName(10, 26));
        Assert.Equal(10, XlsxWorkbook.ParseReference("AA10", out int col));
        Assert.Equal(26, col);
        Assert.Equal(-1, XlsxWorkbook.ParseReference("12", out _));
        Assert.Equal(-1, XlsxWorkbook.ParseReference("A", out _));
    }
}
