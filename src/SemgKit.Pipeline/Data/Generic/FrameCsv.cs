using System.Globalization;

namespace SemgKit.Pipeline.Data.Generic;

/// <summary>
/// Reads a frame-major CSV file (one row per sample, one column per channel) with an optional header
/// and an optional <c>label</c> column of class names. Delimiter: comma, semicolon, tab or whitespace,
/// detected from the first line. Numbers use the invariant culture.
/// </summary>
/// <remarks>
/// Header rule: the first non-empty line is a header when any of its fields is not a number.
/// With a header, a column named <c>label</c> (any case) holds class names and every other column is a channel.
/// Without a header, the file has exactly <c>channels</c> columns, or <c>channels + 1</c> when the last one holds labels.
/// An empty label cell means <see cref="Recording.NoLabel"/>.
/// </remarks>
internal static class FrameCsv
{
    /// <summary>What a frame CSV held.</summary>
    /// <param name="HeaderRows">1 if the file has a header row, else 0: data row t is file row t + 1 + HeaderRows (blank lines aside).</param>
    internal sealed record Content(string[] ChannelNames, float[] ChannelMajor, int SampleCount, string?[]? Labels, int HeaderRows);

    /// <param name="path">The file.</param>
    /// <param name="expectedChannels">Channel count the caller expects, or null to take it from the file.</param>
    /// <param name="allowNonFinite">Keep NaN/Inf samples instead of failing.</param>
    public static Content Read(string path, int? expectedChannels, CancellationToken cancellationToken = default, bool allowNonFinite = false)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, null, "file not found");
        using var reader = new StreamReader(path);
        string? line;
        int lineNumber = 0;
        char delimiter = ',';
        bool whitespace = false;
        string[]? names = null;
        int labelColumn = -1;
        int columns = -1;
        int headerRows = 0;
        var frames = new List<float>(1 << 16);
        List<string?>? labels = null;
        var fields = new List<Range>(16);

        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if ((lineNumber & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var span = line.AsSpan();
            if (columns < 0)
            {
                (delimiter, whitespace) = DetectDelimiter(span);
                Split(span, delimiter, whitespace, fields);
                bool header = false;
                foreach (var f in fields)
                {
                    if (!double.TryParse(span[f].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        header = true;
                        break;
                    }
                }
                columns = fields.Count;
                if (header)
                {
                    var headerNames = new string[fields.Count];
                    for (int i = 0; i < fields.Count; i++)
                        headerNames[i] = span[fields[i]].Trim().Trim('"').ToString();
                    labelColumn = Array.FindIndex(headerNames, n => n.Equals("label", StringComparison.OrdinalIgnoreCase));
                    names = headerNames.Where((_, i) => i != labelColumn).ToArray();
                    if (expectedChannels is int e && names.Length != e)
                        throw new DataFormatException(path, $"row {lineNumber}", $"header has {names.Length} channel columns ({string.Join(", ", names)}), expected {e}");
                    if (labelColumn >= 0)
                        labels = [];
                    headerRows = 1;
                    continue;
                }
                int channels = expectedChannels ?? columns;
                if (columns == channels + 1)
                {
                    labelColumn = columns - 1;
                    labels = [];
                }
                else if (columns != channels)
                {
                    throw new DataFormatException(path, $"row {lineNumber}", $"{columns} columns, expected {channels} channels (or {channels + 1} with a label column)");
                }
                names = Enumerable.Range(1, channels).Select(i => "ch" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            }

            Split(span, delimiter, whitespace, fields);
            if (fields.Count != columns)
                throw new DataFormatException(path, $"row {lineNumber}", $"{fields.Count} columns, expected {columns}");
            for (int i = 0; i < fields.Count; i++)
            {
                var cell = span[fields[i]].Trim();
                if (i == labelColumn)
                {
                    var text = cell.Trim('"');
                    labels!.Add(text.IsEmpty ? null : text.ToString());
                    continue;
                }
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    throw new DataFormatException(path, $"row {lineNumber}, column {i + 1}", $"'{Shorten(cell)}' is not a number");
                if (!allowNonFinite && !double.IsFinite(value))
                    throw new DataFormatException(path, $"row {lineNumber}, column {i + 1}", $"sample is {cell.ToString()} (NaN/Inf samples are not allowed)");
                frames.Add((float)value);
            }
        }

        if (names is null)
            throw new DataFormatException(path, null, "file is empty");
        int channelCount = names.Length;
        int sampleCount = frames.Count / channelCount;
        if (sampleCount == 0)
            throw new DataFormatException(path, null, "file has a header but no samples");
        var channelMajor = new float[frames.Count];
        var framesSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(frames);
        for (int t = 0; t < sampleCount; t++)
        {
            for (int c = 0; c < channelCount; c++)
                channelMajor[c * sampleCount + t] = framesSpan[t * channelCount + c];
        }
        return new Content(names, channelMajor, sampleCount, labels?.ToArray(), headerRows);
    }

    private static (char Delimiter, bool Whitespace) DetectDelimiter(ReadOnlySpan<char> line)
    {
        if (line.Contains(',')) return (',', false);
        if (line.Contains(';')) return (';', false);
        if (line.Contains('\t')) return ('\t', false);
        return (' ', true);
    }

    private static void Split(ReadOnlySpan<char> line, char delimiter, bool whitespace, List<Range> fields)
    {
        fields.Clear();
        if (whitespace)
        {
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                if (i >= line.Length) break;
                int start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                fields.Add(start..i);
            }
            return;
        }
        int s = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == delimiter)
            {
                fields.Add(s..i);
                s = i + 1;
            }
        }
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 24 ? cell.ToString() : cell[..24].ToString() + "…";
}
