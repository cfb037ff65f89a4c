using System.Globalization;
using System.Runtime.InteropServices;

namespace SemgKit.Pipeline.Data;

/// <summary>Options for <see cref="NumericTextReader"/>.</summary>
internal sealed record NumericTextOptions
{
    /// <summary>Field delimiter; null auto-detects from the first data line (tab, then semicolon, then comma, else whitespace).</summary>
    public char? Delimiter { get; init; }

    /// <summary>True: the first non-empty line is a header; false: no header; null: a header if any of its fields is not a number.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Lines to skip before the header or data (e.g. a preamble).</summary>
    public int SkipLines { get; init; }

    /// <summary>Required number of columns; null takes the count of the first data row and requires it of every row.</summary>
    public int? ColumnCount { get; init; }
}

/// <summary>A frame-major numeric table read by <see cref="NumericTextReader"/>.</summary>
/// <param name="Values">Frame-major values: <c>Values[row * ColumnCount + column]</c>.</param>
/// <param name="RowCount">Data rows.</param>
/// <param name="ColumnCount">Columns per row.</param>
/// <param name="Header">Header fields, or null when the text has no header.</param>
/// <param name="Delimiter">The delimiter used (' ' stands for any run of whitespace).</param>
internal sealed record NumericTable(float[] Values, int RowCount, int ColumnCount, IReadOnlyList<string>? Header, char Delimiter);

/// <summary>
/// Reads delimited numeric text (CSV, TSV, semicolon or whitespace separated) into a frame-major float table.
/// Numbers are parsed with <see cref="CultureInfo.InvariantCulture"/>; any non-numeric or non-finite cell is a
/// <see cref="DataFormatException"/> naming the file, the row (1-based line number in the file) and the column (1-based).
/// Empty lines are skipped.
/// </summary>
internal static class NumericTextReader
{
    /// <summary>The character standing for "any run of spaces or tabs" in <see cref="NumericTable.Delimiter"/>.</summary>
    public const char Whitespace = ' ';

    private const NumberStyles Styles = NumberStyles.Float;

    /// <summary>Reads <paramref name="path"/>; see the class remarks for the error contract.</summary>
    public static NumericTable ReadFile(string path, NumericTextOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, $"cannot read the file ({e.Message})", e);
        }
        return Parse(text, path, options);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static NumericTable Parse(string text, string source, NumericTextOptions? options = null)
    {
        options ??= new NumericTextOptions();
        char? delimiter = options.Delimiter;
        bool? hasHeader = options.HasHeader;
        int columns = options.ColumnCount ?? -1;
        IReadOnlyList<string>? header = null;
        var values = new List<float>(Math.Max(16, text.Length / 6));
        int rows = 0;
        int lineNumber = 0;
        bool first = true;

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (lineNumber <= options.SkipLines)
                continue;
            var line = rawLine.Trim();
            if (line.IsEmpty)
                continue;
            delimiter ??= DetectDelimiter(line);
            if (first)
            {
                first = false;
                bool isHeader = hasHeader ?? !AllNumeric(line, delimiter.Value);
                if (isHeader)
                {
                    var names = new List<string>();
                    foreach (var field in new FieldEnumerator(line, delimiter.Value))
                        names.Add(field.Trim().Trim('"').ToString());
                    header = names;
                    if (columns < 0 && options.ColumnCount is null)
                        columns = names.Count;
                    continue;
                }
            }

            int column = 0;
            foreach (var field in new FieldEnumerator(line, delimiter.Value))
            {
                column++;
                if (columns >= 0 && column > columns)
                    throw new DataFormatException(source, $"row {lineNumber}", $"more than {columns} columns");
                values.Add(ParseCell(field, source, lineNumber, column));
            }
            if (columns < 0)
                columns = column;
            else if (column != columns)
                throw new DataFormatException(source, $"row {lineNumber}", $"{column} columns, expected {columns}");
            rows++;
        }

        if (columns < 0)
            columns = 0;
        return new NumericTable(CollectionsMarshal.AsSpan(values).ToArray(), rows, columns, header, delimiter ?? ',');
    }

    /// <summary>Parses one cell as a finite float or throws a <see cref="DataFormatException"/> naming row and column.</summary>
    public static float ParseCell(ReadOnlySpan<char> field, string source, int row, int column)
    {
        var trimmed = field.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
            trimmed = trimmed[1..^1].Trim();
        if (trimmed.IsEmpty)
            throw new DataFormatException(source, $"row {row}, column {column}", "empty cell");
        if (!double.TryParse(trimmed, Styles, CultureInfo.InvariantCulture, out double value))
            throw new DataFormatException(source, $"row {row}, column {column}", $"'{Shorten(trimmed)}' is not a number");
        float f = (float)value;
        if (!float.IsFinite(f))
            throw new DataFormatException(source, $"row {row}, column {column}", $"non-finite value '{Shorten(trimmed)}'");
        return f;
    }

    /// <summary>True if <paramref name="field"/> is a number in the invariant culture (NaN and infinities count as numbers here).</summary>
    public static bool IsNumber(ReadOnlySpan<char> field) =>
        double.TryParse(field.Trim(), Styles, CultureInfo.InvariantCulture, out _);

    /// <summary>Tab if present, then semicolon, then comma, else whitespace.</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> line) =>
        line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : line.Contains(',') ? ',' : Whitespace;

    private static bool AllNumeric(ReadOnlySpan<char> line, char delimiter)
    {
        foreach (var field in new FieldEnumerator(line, delimiter))
        {
            var f = field.Trim();
            if (f.Length >= 2 && f[0] == '"' && f[^1] == '"')
                f = f[1..^1];
            if (!IsNumber(f))
                return false;
        }
        return true;
    }

    private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..37], "...");

    /// <summary>Splits a line on a delimiter (or on runs of whitespace for <see cref="Whitespace"/>) without allocating.</summary>
    internal ref struct FieldEnumerator
    {
        private readonly char _delimiter;
        private ReadOnlySpan<char> _rest;
        private bool _done;

        public FieldEnumerator(ReadOnlySpan<char> line, char delimiter)
        {
            _delimiter = delimiter;
            _rest = delimiter == Whitespace ? line.Trim() : line;
            _done = false;
            Current = default;
        }

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly FieldEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done)
                return false;
            if (_delimiter == Whitespace)
            {
                if (_rest.IsEmpty)
                {
                    _done = true;
                    return false;
                }
                int end = _rest.IndexOfAny(' ', '\t');
                if (end < 0)
                {
                    Current = _rest;
                    _rest = default;
                    return true;
                }
                Current = _rest[..end];
                _rest = _rest[end..].TrimStart(" \t");
                return true;
            }
            int i = _rest.IndexOf(_delimiter);
            if (i < 0)
            {
                Current = _rest;
                _done = true;
                return true;
            }
            Current = _rest[..i];
            _rest = _rest[(i + 1)..];
            return true;
        }
    }
}
