using System.Globalization;
using System.Text.RegularExpressions;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// Reads the UCI "EMG dataset in Lower Limb" (Sanchez et al.): <c>N_TXT/&lt;s&gt;N&lt;task&gt;.txt</c> (healthy) and
/// <c>A_TXT/&lt;s&gt;A&lt;task&gt;.txt</c> (knee abnormality), 4 EMG channels RF, BF, VM, ST in mV at 1000 Hz.
/// </summary>
/// <remarks>
/// <para>Each file is one recording labelled throughout with its task: "gait" (mar), "leg-extension" (sen),
/// "knee-flexion" (pie). Subject ids are "N1".."N11" and "A1".."A11"; Group is "healthy" or "abnormal";
/// <c>Extra["task"]</c> is the Spanish task code; Session is null and Trial is 1.</para>
/// <para>Quirks handled: 7- or 8-line headers; a 6th "Digitals combined" column in 9A/10A/11A (ignored, as is the
/// FX goniometer column); trailing rows holding only FX (including <c>7.5V</c>) and rows with an empty FX are
/// tolerated by keeping only rows whose first four fields are numbers (rows whose four EMG fields are all empty are
/// skipped; a partly filled or non-numeric EMG field is an error). The header's "&lt;n&gt; values" count of every EMG
/// channel must equal the rows kept (true for all 66 files). Channel names come from the header, which names the
/// muscles three ways ("RF", "Recto femoral", "Recto Femoral"): they are mapped to RF, BF, VM, ST and the order
/// checked; the raw header names are kept in <c>Extra["headerChannels"]</c>. Recordings whose EMG data equal an
/// earlier recording's (2Npie = 1Npie, 2Nsen = 1Nsen) are dropped and listed in <see cref="Dataset.Notes"/>.</para>
/// </remarks>
public sealed partial class UciLowerLimbReader : IDatasetReader
{
    /// <summary>Sampling rate of the Biometrics DataLOG EMG channels.</summary>
    public const double SampleRateHz = 1000.0;

    private const int EmgChannels = 4;

    private static readonly string[] TaskCodes = ["mar", "sen", "pie"];
    private static readonly string[] Classes = ["gait", "leg-extension", "knee-flexion"];
    private static readonly string[] CanonicalChannels = ["RF", "BF", "VM", "ST"];

    public string Name => "uci-lower-limb";

    public string Description => "UCI EMG Lower Limb: 22 subjects (11 healthy, 11 knee abnormality), 4 leg muscles, 1000 Hz, gait / leg extension / knee flexion";

    /// <summary>The class names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames => Classes;

    public bool CanRead(string path) =>
        Directory.Exists(Path.Combine(path, "N_TXT")) || Directory.Exists(Path.Combine(path, "A_TXT"));

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = ReaderSupport.RequireFolder(path);
        var files = new List<FileEntry>();
        foreach (var (folder, letter) in new[] { ("N_TXT", 'N'), ("A_TXT", 'A') })
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir))
                throw new DataFormatException(dir, null, "folder not found (expected N_TXT and A_TXT)");
            foreach (var file in Directory.EnumerateFiles(dir, "*.txt"))
            {
                var m = FileNamePattern().Match(Path.GetFileName(file));
                if (!m.Success)
                    continue;
                if (char.ToUpperInvariant(m.Groups[2].Value[0]) != letter)
                    throw new DataFormatException(file, null, $"file of group '{m.Groups[2].Value}' in folder {folder}");
                int subject = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                int task = Array.IndexOf(TaskCodes, m.Groups[3].Value.ToLowerInvariant());
                files.Add(new FileEntry(file, letter, subject, task));
            }
        }
        if (files.Count == 0)
            throw new DataFormatException(root, null, "no <s>N<task>.txt or <s>A<task>.txt files found");
        // Healthy first, then abnormal; by subject number; tasks in class order.
        files.Sort((a, b) =>
            a.Group != b.Group ? (a.Group == 'N' ? -1 : 1)
            : a.Subject != b.Subject ? a.Subject.CompareTo(b.Subject)
            : a.Task.CompareTo(b.Task));

        var recordings = ReaderSupport.LoadOrdered(files, f => ReadFile(root, f), options, cancellationToken);

        var notes = new List<string>();
        var kept = new List<Recording>(recordings.Length);
        foreach (var r in recordings)
        {
            var duplicateOf = kept.FirstOrDefault(k => k.SampleCount == r.SampleCount && k.Samples.SequenceEqual(r.Samples));
            if (duplicateOf is not null)
            {
                notes.Add($"dropped {r.Metadata.Source}: its EMG data are identical to {duplicateOf.Metadata.Source} (duplicate in the original distribution)");
                continue;
            }
            kept.Add(r);
        }
        return new Dataset(Name, Classes, kept, root, notes);
    }

    /// <summary>Reads one text file into a recording.</summary>
    internal static Recording ReadFile(string root, FileEntry entry)
    {
        var path = entry.Path;
        var text = ReaderSupport.ReadAllText(path);
        var headerChannels = new List<(string Name, int Values, string Unit)>();
        var frames = new List<float>(text.Length / 6);
        int lineNumber = 0;
        bool inData = false;
        int rows = 0;
        Span<float> row = stackalloc float[EmgChannels];
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.TrimEnd("\r\n ");
            if (!inData)
            {
                var first = FirstField(line);
                if (first.IsEmpty || !NumericTextReader.IsNumber(first))
                {
                    var m = ChannelPattern().Match(line.ToString());
                    if (m.Success)
                    {
                        headerChannels.Add((m.Groups[2].Value.Trim(),
                            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[4].Value.Trim()));
                    }
                    if (lineNumber > 20)
                        throw new DataFormatException(path, $"row {lineNumber}", "no numeric data after 20 header lines");
                    continue;
                }
                inData = true;
            }

            int column = 0;
            int empty = 0;
            foreach (var field in new NumericTextReader.FieldEnumerator(line, '\t'))
            {
                if (column == EmgChannels)
                    break;
                if (field.Trim().IsEmpty)
                    empty++;
                else if (empty == 0)
                    row[column] = NumericTextReader.ParseCell(field, path, lineNumber, column + 1);
                else
                    throw new DataFormatException(path, $"row {lineNumber}, column {column + 1}", "EMG value after an empty EMG cell");
                column++;
            }
            if (empty == column)
                continue; // FX-only row ("\t\t\t\t7.5", "\t\t\t\t7.5V") or blank line
            if (column < EmgChannels || empty > 0)
                throw new DataFormatException(path, $"row {lineNumber}, column {column - empty + 1}", $"empty EMG cell (expected {EmgChannels} EMG values)");
            foreach (var v in row)
                frames.Add(v);
            rows++;
        }

        if (headerChannels.Count < EmgChannels)
            throw new DataFormatException(path, "header", $"names {headerChannels.Count} channels, expected at least {EmgChannels} EMG channels");
        var names = new string[EmgChannels];
        var units = new string[EmgChannels];
        for (int c = 0; c < EmgChannels; c++)
        {
            var (name, values, unit) = headerChannels[c];
            var canonical = Canonical(name);
            if (canonical != CanonicalChannels[c])
                throw new DataFormatException(path, "header", $"EMG column {c + 1} is '{name}', expected {CanonicalChannels[c]}");
            if (values != rows)
                throw new DataFormatException(path, "header", $"channel '{name}' states {values} values, but the file has {rows} EMG rows");
            names[c] = canonical;
            units[c] = unit.Length == 0 ? "a.u." : unit;
        }
        if (rows == 0)
            throw new DataFormatException(path, null, "no EMG rows");

        var metadata = new RecordingMetadata(
            ReaderSupport.Relative(root, path),
            $"{entry.Group}{entry.Subject.ToString(CultureInfo.InvariantCulture)}",
            Session: null,
            Trial: 1,
            Group: entry.Group == 'N' ? "healthy" : "abnormal")
        {
            Extra = new Dictionary<string, string>
            {
                ["task"] = TaskCodes[entry.Task],
                ["headerChannels"] = string.Join(",", headerChannels.Take(EmgChannels).Select(h => h.Name)),
            },
        };
        return Recording.FromFrameMajor(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(frames), SampleRateHz, names,
            Recording.ConstantLabels(rows, entry.Task), metadata, units);
    }

    /// <summary>Maps a header channel name (English abbreviation or Spanish muscle name) to RF, BF, VM or ST.</summary>
    internal static string? Canonical(string headerName)
    {
        var n = headerName.Trim().ToLowerInvariant();
        if (n is "rf" || n.Contains("recto", StringComparison.Ordinal) || n.Contains("rectus", StringComparison.Ordinal))
            return "RF";
        if (n is "bf" || n.Contains("biceps", StringComparison.Ordinal))
            return "BF";
        if (n is "vm" || n.Contains("vasto", StringComparison.Ordinal) || n.Contains("vastus", StringComparison.Ordinal))
            return "VM";
        if (n is "st" || n.Contains("semitendin", StringComparison.Ordinal))
            return "ST";
        return null;
    }

    private static ReadOnlySpan<char> FirstField(ReadOnlySpan<char> line)
    {
        int tab = line.IndexOf('\t');
        return (tab < 0 ? line : line[..tab]).Trim();
    }

    internal readonly record struct FileEntry(string Path, char Group, int Subject, int Task);

    [GeneratedRegex(@"^(\d+)([NA])(mar|sen|pie)\.txt$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@"^Channel\s+(\d+):\s*'([^']*)',\s*(\d+)\s+values,\s*engineering units:\s*([^,]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
