using System.Globalization;
using System.Text;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// A fast path for <see cref="XlsxWorkbook"/>: scans the UTF-8 bytes of a worksheet part for the plain,
/// unprefixed SpreadsheetML that Excel writes (<c>&lt;row&gt;</c>, <c>&lt;c r t&gt;</c>, <c>&lt;v&gt;</c>, <c>&lt;f&gt;</c>,
/// <c>&lt;is&gt;&lt;t&gt;</c>), several times faster than <see cref="System.Xml.XmlReader"/>. On anything else (prefixes,
/// rich text, entities, comments) it throws <see cref="UnsupportedMarkupException"/> and the caller discards what it
/// collected and re-reads the part with <see cref="System.Xml.XmlReader"/>.
/// </summary>
internal static class XlsxSheetScanner
{
    /// <summary>Thrown internally when the scanner meets markup it does not handle.</summary>
    internal sealed class UnsupportedMarkupException : Exception
    {
        public UnsupportedMarkupException() : base("unsupported markup for the fast sheet scanner") { }
    }

    /// <summary>
    /// Scans <paramref name="xml"/> and reports cells like <see cref="XlsxWorkbook.ReadCells"/>; shared-string indices are
    /// reported as <see cref="XlsxWorkbook.CellKind.Text"/> after <paramref name="sharedString"/> resolves them.
    /// Throws <see cref="UnsupportedMarkupException"/> when the caller must fall back to the XML reader.
    /// </summary>
    public static void Scan(ReadOnlySpan<byte> xml, XlsxWorkbook.CellHandler handler, Func<int, int, ReadOnlySpan<char>, string> sharedString,
        Func<int, int, string, Exception> badCell, CancellationToken cancellationToken)
    {
        int start = xml.IndexOf("<sheetData"u8);
        if (start < 0)
            throw new UnsupportedMarkupException();
        int pos = start + "<sheetData"u8.Length;
        int tagEnd = xml[pos..].IndexOf((byte)'>');
        if (tagEnd < 0)
            throw new UnsupportedMarkupException();
        if (xml[pos + tagEnd - 1] == '/')
            return; // <sheetData/>
        pos += tagEnd + 1;

        Span<char> chars = stackalloc char[256];
        int row = 0, column = -1, cells = 0;
        while (true)
        {
            int lt = xml[pos..].IndexOf((byte)'<');
            if (lt < 0)
                throw new UnsupportedMarkupException();
            pos += lt + 1;
            var rest = xml[pos..];
            if (rest.StartsWith("/sheetData"u8))
                return;
            if (rest.StartsWith("/row>"u8))
            {
                pos += 5;
                continue;
            }
            if (rest.StartsWith("row"u8) && IsNameEnd(rest[3]))
            {
                pos += 3;
                ReadAttributes(xml, ref pos, out var rRange, out _);
                var r = xml[rRange];
                int next = row + 1;
                if (!r.IsEmpty && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out next) || next <= row))
                    throw new UnsupportedMarkupException();
                row = next;
                column = -1;
                continue;
            }
            if (!(rest.StartsWith("c"u8) && IsNameEnd(rest[1])))
                throw new UnsupportedMarkupException();
            pos += 1;
            if ((++cells & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            bool isEmpty = ReadAttributes(xml, ref pos, out var referenceRange, out var typeRange);
            var reference = xml[referenceRange];
            var type = xml[typeRange];
            if (reference.IsEmpty)
            {
                column++;
            }
            else
            {
                int n = Encoding.UTF8.GetChars(reference, chars);
                int refRow = XlsxWorkbook.ParseReference(chars[..n], out column);
                if (refRow != row)
                    throw new UnsupportedMarkupException();
            }
            if (isEmpty)
                continue;

            // Children until </c>.
            ReadOnlySpan<byte> value = default;
            bool found = false, inline = false;
            while (true)
            {
                lt = xml[pos..].IndexOf((byte)'<');
                if (lt < 0)
                    throw new UnsupportedMarkupException();
                pos += lt + 1;
                rest = xml[pos..];
                if (rest.StartsWith("/c>"u8))
                {
                    pos += 3;
                    break;
                }
                if (rest.StartsWith("v>"u8) || (inline && rest.StartsWith("t>"u8)))
                {
                    pos += 2;
                    int end = xml[pos..].IndexOf((byte)'<');
                    if (end < 0 || found)
                        throw new UnsupportedMarkupException();
                    value = xml.Slice(pos, end);
                    found = true;
                    pos += end;
                    continue;
                }
                if (rest.StartsWith("is>"u8))
                {
                    inline = true;
                    pos += 3;
                    continue;
                }
                if (rest.StartsWith("/v>"u8) || rest.StartsWith("/t>"u8) || rest.StartsWith("/is>"u8))
                    continue;
                if (rest.StartsWith("f"u8) && IsNameEnd(rest[1]))
                {
                    pos += 1;
                    bool emptyFormula = ReadAttributes(xml, ref pos, out _, out _);
                    if (!emptyFormula)
                    {
                        int close = xml[pos..].IndexOf("</f>"u8);
                        if (close < 0)
                            throw new UnsupportedMarkupException();
                        pos += close + 4;
                    }
                    continue;
                }
                throw new UnsupportedMarkupException(); // rich text runs, phonetics, extensions: let XmlReader do it
            }
            if (!found)
                continue;
            if (value.Length > chars.Length || value.Contains((byte)'&'))
                throw new UnsupportedMarkupException();
            int length = Encoding.UTF8.GetChars(value, chars);
            var text = chars[..length];
            var typeText = type;
            if (typeText.IsEmpty || typeText.SequenceEqual("n"u8))
                handler(row, column, XlsxWorkbook.CellKind.Number, text);
            else if (typeText.SequenceEqual("s"u8))
                handler(row, column, XlsxWorkbook.CellKind.Text, sharedString(row, column, text));
            else if (typeText.SequenceEqual("str"u8) || typeText.SequenceEqual("inlineStr"u8))
                handler(row, column, XlsxWorkbook.CellKind.Text, text);
            else if (typeText.SequenceEqual("b"u8))
                handler(row, column, XlsxWorkbook.CellKind.Boolean, text);
            else if (typeText.SequenceEqual("e"u8))
                handler(row, column, XlsxWorkbook.CellKind.Error, text);
            else
                throw badCell(row, column, $"unknown cell type '{Encoding.UTF8.GetString(typeText)}'");
        }
    }

    private static bool IsNameEnd(byte b) => b is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Reads attributes up to the tag end; gives the ranges of the r and t values; returns whether the tag is self-closing.</summary>
    private static bool ReadAttributes(ReadOnlySpan<byte> xml, ref int pos, out Range r, out Range t)
    {
        r = default;
        t = default;
        while (true)
        {
            while (pos < xml.Length && xml[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                pos++;
            if (pos >= xml.Length)
                throw new UnsupportedMarkupException();
            if (xml[pos] == '>')
            {
                pos++;
                return false;
            }
            if (xml[pos] == '/')
            {
                if (pos + 1 >= xml.Length || xml[pos + 1] != '>')
                    throw new UnsupportedMarkupException();
                pos += 2;
                return true;
            }
            int eq = xml[pos..].IndexOf((byte)'=');
            if (eq <= 0)
                throw new UnsupportedMarkupException();
            var name = xml.Slice(pos, eq).TrimEnd(" \t\r\n"u8);
            pos += eq + 1;
            while (pos < xml.Length && xml[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                pos++;
            if (pos >= xml.Length || xml[pos] is not ((byte)'"' or (byte)'\''))
                throw new UnsupportedMarkupException();
            byte quote = xml[pos++];
            int close = xml[pos..].IndexOf(quote);
            if (close < 0)
                throw new UnsupportedMarkupException();
            var value = new Range(pos, pos + close);
            pos += close + 1;
            if (xml[value].Contains((byte)'&'))
                throw new UnsupportedMarkupException();
            if (name.SequenceEqual("r"u8))
                r = value;
            else if (name.SequenceEqual("t"u8))
                t = value;
        }
    }
}
