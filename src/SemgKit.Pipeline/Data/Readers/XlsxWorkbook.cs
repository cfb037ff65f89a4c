using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// A minimal, streaming .xlsx reader (Office Open XML SpreadsheetML) built on <see cref="ZipArchive"/> and
/// <see cref="XmlReader"/>: sheet order from <c>xl/workbook.xml</c> resolved through <c>xl/_rels/workbook.xml.rels</c>,
/// shared strings, inline strings and numeric cells, with or without cell references.
/// Errors are <see cref="DataFormatException"/>s naming the file, the sheet (position and name) and the cell.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly ZipArchive _archive;
    private readonly string[] _sheetParts;
    private string[]? _sharedStrings;

    private XlsxWorkbook(string path, ZipArchive archive, string[] sheetNames, string[] sheetParts)
    {
        FilePath = path;
        _archive = archive;
        SheetNames = sheetNames;
        _sheetParts = sheetParts;
    }

    /// <summary>Kinds of cell content handed to a <see cref="CellHandler"/>.</summary>
    public enum CellKind
    {
        Number,
        Text,
        Boolean,
        Error,
    }

    /// <summary>Receives one cell: 1-based row, 0-based column, its kind and its text (shared strings resolved).</summary>
    public delegate void CellHandler(int row, int column, CellKind kind, ReadOnlySpan<char> text);

    public string FilePath { get; }

    /// <summary>Sheet names in workbook order (the order Excel shows the tabs).</summary>
    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>Opens <paramref name="path"/> and reads its sheet list.</summary>
    public static XlsxWorkbook Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, $"cannot open the file ({e.Message})", e);
        }
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new DataFormatException(path, null, $"not an .xlsx file: not a zip archive ({e.Message})", e);
        }
        try
        {
            var relationships = ReadRelationships(path, archive);
            var (names, ids) = ReadSheetList(path, archive);
            var parts = new string[ids.Count];
            for (int i = 0; i < ids.Count; i++)
            {
                if (!relationships.TryGetValue(ids[i], out var target))
                    throw new DataFormatException(path, $"sheet {i + 1} ({names[i]})", $"relationship '{ids[i]}' not found in xl/_rels/workbook.xml.rels");
                parts[i] = target;
            }
            return new XlsxWorkbook(path, archive, names.ToArray(), parts);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>"sheet 2 (EMG_VL)": how errors name sheet <paramref name="index"/> (0-based).</summary>
    public string SheetLabel(int index) => $"sheet {index + 1} ({SheetNames[index]})";

    /// <summary>
    /// Reads columns <c>0..columnCount-1</c> of sheet <paramref name="index"/> (0-based) as a frame-major float table.
    /// Every cell of those columns must hold a finite number (numeric cell or numeric text); other columns are ignored;
    /// empty rows at the end are ignored; a missing cell or row inside the data is an error naming the cell.
    /// </summary>
    public NumericTable ReadNumericSheet(int index, int columnCount, CancellationToken cancellationToken = default)
    {
        var (bytes, length) = ReadPart(index);
        var label = SheetLabel(index);
        var builder = new NumericSheetBuilder(this, index, columnCount);
        try
        {
            XlsxSheetScanner.Scan(bytes.AsSpan(0, length), builder.Add,
                (row, column, text) => SharedString(label, row, column, text),
                (row, column, problem) => new DataFormatException(FilePath, $"{label}, cell {CellName(row, column)}", problem),
                cancellationToken);
        }
        catch (XlsxSheetScanner.UnsupportedMarkupException)
        {
            // Markup the fast scanner does not handle (prefixes, rich text, entities...): the full XML reader decides.
            builder = new NumericSheetBuilder(this, index, columnCount);
            ReadCellsXml(new MemoryStream(bytes, 0, length, writable: false), index, builder.Add, cancellationToken);
        }
        return builder.Finish();
    }

    /// <summary>Reads columns <c>0..columnCount-1</c> of sheet <paramref name="index"/> as text rows (null for missing cells), row 1 first.</summary>
    public IReadOnlyList<string?[]> ReadTextSheet(int index, int columnCount, CancellationToken cancellationToken = default)
    {
        var rows = new List<string?[]>();
        ReadCells(index, (row, column, kind, text) =>
        {
            if (column >= columnCount)
                return;
            while (rows.Count < row)
                rows.Add(new string?[columnCount]);
            rows[row - 1][column] = text.ToString();
        }, cancellationToken);
        return rows;
    }

    /// <summary>Streams every cell of sheet <paramref name="index"/> (0-based) to <paramref name="handler"/>.</summary>
    public void ReadCells(int index, CellHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= SheetNames.Count)
            throw new DataFormatException(FilePath, $"sheet {index + 1}", $"missing sheet: the workbook has {SheetNames.Count} sheets");
        var label = SheetLabel(index);
        var entry = _archive.GetEntry(_sheetParts[index])
            ?? throw new DataFormatException(FilePath, label, $"part '{_sheetParts[index]}' missing from the archive");
        Stream stream;
        try
        {
            stream = entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(FilePath, label, $"corrupt compressed data ({e.Message})", e);
        }
        ReadCellsXml(stream, index, handler, cancellationToken);
    }

    private (byte[] Bytes, int Length) ReadPart(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= SheetNames.Count)
            throw new DataFormatException(FilePath, $"sheet {index + 1}", $"missing sheet: the workbook has {SheetNames.Count} sheets");
        var label = SheetLabel(index);
        var entry = _archive.GetEntry(_sheetParts[index])
            ?? throw new DataFormatException(FilePath, label, $"part '{_sheetParts[index]}' missing from the archive");
        try
        {
            using var stream = entry.Open();
            var buffer = new MemoryStream(entry.Length is > 0 and < int.MaxValue ? (int)entry.Length : 1 << 16);
            stream.CopyTo(buffer);
            return (buffer.GetBuffer(), (int)buffer.Length);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(FilePath, label, $"corrupt compressed data ({e.Message})", e);
        }
    }

    private string SharedString(string label, int row, int column, ReadOnlySpan<char> text)
    {
        var strings = SharedStrings();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int si) || si >= strings.Length)
            throw new DataFormatException(FilePath, $"{label}, cell {CellName(row, column)}", $"shared string index '{text}' out of range ({strings.Length} strings)");
        return strings[si];
    }

    /// <summary>Streams every cell of the sheet XML in <paramref name="input"/> (sheet <paramref name="index"/>) to <paramref name="handler"/>.</summary>
    private void ReadCellsXml(Stream input, int index, CellHandler handler, CancellationToken cancellationToken)
    {
        var label = SheetLabel(index);
        int row = 0, column = -1;
        try
        {
            using var stream = input;
            using var reader = XmlReader.Create(stream, ReaderSettings);
            var nt = reader.NameTable;
            object rowName = nt.Add("row"), cellName = nt.Add("c"), valueName = nt.Add("v"),
                textName = nt.Add("t"), sheetDataName = nt.Add("sheetData"), phoneticName = nt.Add("rPh");
            var buffer = new char[64];
            bool inSheetData = false;
            int cellsSinceCheck = 0;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (ReferenceEquals(reader.LocalName, sheetDataName))
                        break;
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                var name = reader.LocalName;
                if (!inSheetData)
                {
                    inSheetData = ReferenceEquals(name, sheetDataName);
                    continue;
                }
                if (ReferenceEquals(name, rowName))
                {
                    var r = reader.GetAttribute("r");
                    int next = row + 1;
                    if (r is not null && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out next) || next <= row))
                        throw new DataFormatException(FilePath, $"{label}, row {row + 1}", $"bad row number '{r}'");
                    row = next;
                    column = -1;
                    continue;
                }
                if (!ReferenceEquals(name, cellName))
                    continue;

                if (++cellsSinceCheck == 65536)
                {
                    cellsSinceCheck = 0;
                    cancellationToken.ThrowIfCancellationRequested();
                }
                string? reference = null, type = null;
                while (reader.MoveToNextAttribute())
                {
                    if (reader.LocalName == "r")
                        reference = reader.Value;
                    else if (reader.LocalName == "t")
                        type = reader.Value;
                }
                reader.MoveToElement();
                if (reference is null)
                {
                    column++;
                }
                else
                {
                    int refRow = ParseReference(reference, out column);
                    if (refRow < 0)
                        throw new DataFormatException(FilePath, $"{label}, row {row}", $"bad cell reference '{reference}'");
                    if (refRow != row)
                        throw new DataFormatException(FilePath, $"{label}, cell {reference}", $"cell reference outside its row {row}");
                }
                if (reader.IsEmptyElement)
                    continue; // a styled cell without a value
                int depth = reader.Depth;
                int length = 0;
                bool found = false;
                while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    if (reader.NodeType != XmlNodeType.Element)
                        continue;
                    if (ReferenceEquals(reader.LocalName, valueName) || (type == "inlineStr" && ReferenceEquals(reader.LocalName, textName)))
                    {
                        length = ReadText(reader, ref buffer, length);
                        found = true;
                    }
                    else if (ReferenceEquals(reader.LocalName, phoneticName))
                    {
                        reader.Skip(); // phonetic hints are not part of the text (<f>, <is>, <r> need nothing)
                    }
                }
                if (!found)
                    continue;
                var text = buffer.AsSpan(0, length);
                switch (type)
                {
                    case null or "n":
                        handler(row, column, CellKind.Number, text);
                        break;
                    case "s":
                        handler(row, column, CellKind.Text, SharedString(label, row, column, text));
                        break;
                    case "str" or "inlineStr":
                        handler(row, column, CellKind.Text, text);
                        break;
                    case "b":
                        handler(row, column, CellKind.Boolean, text);
                        break;
                    case "e":
                        handler(row, column, CellKind.Error, text);
                        break;
                    default:
                        throw new DataFormatException(FilePath, $"{label}, cell {CellName(row, column)}", $"unknown cell type '{type}'");
                }
            }
        }
        catch (XmlException e)
        {
            throw new DataFormatException(FilePath, $"{label}, line {e.LineNumber}", $"malformed sheet XML ({e.Message})", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(FilePath, label, $"corrupt compressed data ({e.Message})", e);
        }
    }

    /// <summary>"B7" for row 7, column 1.</summary>
    public static string CellName(int row, int column)
    {
        Span<char> letters = stackalloc char[8];
        int n = 0;
        for (int c = column + 1; c > 0; c = (c - 1) / 26)
            letters[n++] = (char)('A' + (c - 1) % 26);
        letters[..n].Reverse();
        return string.Concat(letters[..n], row.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Parses "AB12" into row 12 and column 27 (0-based); returns -1 if malformed.</summary>
    public static int ParseReference(ReadOnlySpan<char> reference, out int column)
    {
        column = -1;
        int i = 0, col = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
            if (col > 16384)
                return -1;
        }
        if (i == 0 || i == reference.Length)
            return -1;
        if (!int.TryParse(reference[i..], NumberStyles.None, CultureInfo.InvariantCulture, out int row) || row <= 0)
            return -1;
        column = col - 1;
        return row;
    }

    public void Dispose() => _archive.Dispose();

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = true,
    };

    private static int ReadText(XmlReader reader, ref char[] buffer, int length)
    {
        if (reader.IsEmptyElement)
            return length;
        int depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace))
                continue;
            if (reader.CanReadValueChunk)
            {
                while (true)
                {
                    if (length == buffer.Length)
                        Array.Resize(ref buffer, buffer.Length * 2);
                    int n = reader.ReadValueChunk(buffer, length, buffer.Length - length);
                    if (n == 0)
                        break;
                    length += n;
                }
            }
            else
            {
                var value = reader.Value;
                if (length + value.Length > buffer.Length)
                    Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + value.Length));
                value.CopyTo(buffer.AsSpan(length));
                length += value.Length;
            }
        }
        return length;
    }

    private string[] SharedStrings()
    {
        if (_sharedStrings is not null)
            return _sharedStrings;
        var list = new List<string>();
        var entry = _archive.GetEntry("xl/sharedStrings.xml");
        if (entry is not null)
        {
            try
            {
                using var stream = entry.Open();
                using var reader = XmlReader.Create(stream, ReaderSettings);
                var buffer = new char[64];
                int length = 0;
                bool inItem = false;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        if (reader.LocalName == "si")
                        {
                            inItem = !reader.IsEmptyElement;
                            length = 0;
                            if (!inItem)
                                list.Add("");
                        }
                        else if (reader.LocalName == "rPh")
                        {
                            reader.Skip();
                        }
                        else if (inItem && reader.LocalName == "t")
                        {
                            length = ReadText(reader, ref buffer, length);
                        }
                    }
                    else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si")
                    {
                        list.Add(new string(buffer, 0, length));
                        inItem = false;
                    }
                }
            }
            catch (XmlException e)
            {
                throw new DataFormatException(FilePath, $"xl/sharedStrings.xml, line {e.LineNumber}", $"malformed XML ({e.Message})", e);
            }
        }
        return _sharedStrings = list.ToArray();
    }

    private static Dictionary<string, string> ReadRelationships(string path, ZipArchive archive)
    {
        const string part = "xl/_rels/workbook.xml.rels";
        var entry = archive.GetEntry(part)
            ?? throw new DataFormatException(path, part, "missing from the archive (not an .xlsx workbook?)");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, ReaderSettings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
                    continue;
                var id = reader.GetAttribute("Id");
                var target = reader.GetAttribute("Target");
                if (id is null || target is null)
                    continue;
                result[id] = ResolveTarget(target);
            }
        }
        catch (XmlException e)
        {
            throw new DataFormatException(path, $"{part}, line {e.LineNumber}", $"malformed XML ({e.Message})", e);
        }
        return result;
    }

    private static (List<string> Names, List<string> Ids) ReadSheetList(string path, ZipArchive archive)
    {
        const string part = "xl/workbook.xml";
        var entry = archive.GetEntry(part)
            ?? throw new DataFormatException(path, part, "missing from the archive (not an .xlsx workbook?)");
        var names = new List<string>();
        var ids = new List<string>();
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, ReaderSettings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet" || reader.NamespaceURI != MainNamespace)
                    continue;
                var name = reader.GetAttribute("name") ?? $"#{names.Count + 1}";
                var id = reader.GetAttribute("id", RelationshipNamespace)
                    ?? throw new DataFormatException(path, $"{part}, sheet {names.Count + 1} ({name})", "no r:id attribute");
                names.Add(name);
                ids.Add(id);
            }
        }
        catch (XmlException e)
        {
            throw new DataFormatException(path, $"{part}, line {e.LineNumber}", $"malformed XML ({e.Message})", e);
        }
        return (names, ids);
    }

    private static string ResolveTarget(string target)
    {
        if (target.StartsWith('/'))
            return target[1..];
        var segments = new List<string> { "xl" };
        foreach (var s in target.Split('/'))
        {
            if (s == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (s.Length > 0 && s != ".")
            {
                segments.Add(s);
            }
        }
        return string.Join('/', segments);
    }

    /// <summary>Collects a numeric sheet into a frame-major table, checking for missing cells and rows.</summary>
    private sealed class NumericSheetBuilder(XlsxWorkbook workbook, int sheet, int columnCount)
    {
        private readonly List<float> _values = new(1 << 16);
        private readonly bool[] _present = new bool[columnCount];
        private readonly float[] _row = new float[columnCount];
        private int _currentRow;      // row being filled (0 = none yet)
        private int _rowsDone;        // complete data rows so far (rows 1.._rowsDone)
        private int _presentCount;

        public void Add(int row, int column, CellKind kind, ReadOnlySpan<char> text)
        {
            if (column >= columnCount)
                return;
            if (row != _currentRow)
            {
                FlushRow();
                _currentRow = row;
            }
            if (kind is CellKind.Boolean or CellKind.Error)
                throw Error(row, column, $"{(kind == CellKind.Error ? "error value" : "boolean")} '{text}' where a number was expected");
            var trimmed = text.Trim();
            if (trimmed.IsEmpty)
                return; // treated as missing; reported by FlushRow
            if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw Error(row, column, $"'{Shorten(trimmed)}' is not a number");
            float f = (float)value;
            if (!float.IsFinite(f))
                throw Error(row, column, $"non-finite value '{Shorten(trimmed)}'");
            if (!_present[column])
                _presentCount++;
            _present[column] = true;
            _row[column] = f;
        }

        public NumericTable Finish()
        {
            FlushRow();
            if (_rowsDone == 0)
                throw new DataFormatException(workbook.FilePath, workbook.SheetLabel(sheet), "no data: the sheet is empty");
            return new NumericTable(_values.ToArray(), _rowsDone, columnCount, null, ',');
        }

        private void FlushRow()
        {
            if (_currentRow == 0 || _presentCount == 0)
                return; // nothing in our columns: an empty row, allowed only at the end (checked below)
            if (_currentRow != _rowsDone + 1)
                throw Error(_rowsDone + 1, 0, "missing cell: the row is empty or absent");
            for (int c = 0; c < columnCount; c++)
            {
                if (!_present[c])
                    throw Error(_currentRow, c, "missing cell");
            }
            _values.AddRange(_row);
            _rowsDone++;
            Array.Clear(_present);
            _presentCount = 0;
        }

        private DataFormatException Error(int row, int column, string problem) =>
            new(workbook.FilePath, $"{workbook.SheetLabel(sheet)}, cell {CellName(row, column)}", problem);

        private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..37], "...");
    }
}
