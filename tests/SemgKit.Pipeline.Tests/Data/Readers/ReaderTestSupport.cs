using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using SemgKit.Pipeline.Data;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

/// <summary>Reads each shared dataset once per test run (they take seconds), and writes small synthetic files.</summary>
internal static class ReaderTestSupport
{
    private static readonly ConcurrentDictionary<string, Lazy<Dataset>> Cache = new();

    /// <summary>The shared dataset <paramref name="name"/> read with <paramref name="reader"/>, or skips the test.</summary>
    public static Dataset Shared(string name, IDatasetReader reader)
    {
        var folder = SharedData.Require(name);
        return Cache.GetOrAdd(name, _ => new Lazy<Dataset>(() => reader.Read(folder, DatasetReadOptions.Default))).Value;
    }

    public static Recording BySource(this Dataset dataset, string source) =>
        dataset.Recordings.Single(r => r.Metadata.Source == source);

    /// <summary>Writes a minimal .xlsx: sheets given as (name, sheet XML body inside &lt;sheetData&gt;), optional shared strings.</summary>
    public static void WriteXlsx(string path, IReadOnlyList<(string Name, string SheetData)> sheets, IReadOnlyList<string>? sharedStrings = null, bool reversePartNames = false)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var workbook = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 0; i < sheets.Count; i++)
        {
            // Part numbers can be reversed to prove the reader follows the relationships, not the part names.
            int part = reversePartNames ? sheets.Count - i : i + 1;
            workbook.Append($"<sheet name=\"{sheets[i].Name}\" sheetId=\"{i + 7}\" r:id=\"rId{i + 1}\"/>");
            rels.Append($"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{part}.xml\"/>");
            Write(zip, $"xl/worksheets/sheet{part}.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:D3\"/><sheetData>{sheets[i].SheetData}</sheetData><pageMargins left=\"0.5\"/></worksheet>");
        }
        workbook.Append("</sheets></workbook>");
        rels.Append("</Relationships>");
        Write(zip, "xl/workbook.xml", workbook.ToString());
        Write(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
        if (sharedStrings is not null)
        {
            var sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            foreach (var s in sharedStrings)
                sst.Append($"<si><t>{s}</t></si>");
            sst.Append("</sst>");
            Write(zip, "xl/sharedStrings.xml", sst.ToString());
        }
    }

    /// <summary>Sheet XML rows of 4 numeric cells A..D.</summary>
    public static string NumericRows(params double[][] rows)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < rows.Length; r++)
        {
            sb.Append($"<row r=\"{r + 1}\">");
            for (int c = 0; c < rows[r].Length; c++)
                sb.Append($"<c r=\"{(char)('A' + c)}{r + 1}\"><v>{rows[r][c].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>");
            sb.Append("</row>");
        }
        return sb.ToString();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
