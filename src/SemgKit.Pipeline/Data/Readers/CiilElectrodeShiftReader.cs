using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// Reads the LibEMG CIIL ElectrodeShift dataset (Myo armband, 8 channels, 200 Hz):
/// <c>[ElectrodeShift/]subjectN/{training,trial_k}/R_r_C_c.csv</c> with a <c>metadata.json</c> per folder.
/// </summary>
/// <remarks>
/// <para>Each CSV (no header, 8 integer columns) is one recording of repetition <c>r</c> (Trial) of class <c>c</c>.
/// Class names are taken from the <c>metadata.json</c> files exactly as written (Hand_Close, Hand_Open, No_Motion,
/// Wrist_Extension, Wrist_Flexion); every file must agree, and every entry's <c>class_idx</c>/<c>rep_idx</c> must
/// match its file name. Session is "training" or "trial_k"; <c>Extra["shift"]</c> is "none" for training, else the
/// trial folder. Metadata entries are matched to files by file name, because keys name a source path that is not
/// always the folder (subject13/training's keys say "triaining"); such mismatches are listed in
/// <see cref="Dataset.Notes"/>.</para>
/// </remarks>
public sealed partial class CiilElectrodeShiftReader : IDatasetReader
{
    /// <summary>Myo armband EMG sampling rate.</summary>
    public const double SampleRateHz = 200.0;

    private const int Channels = 8;
    private static readonly string[] ChannelNameList = ["ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7", "ch8"];

    public string Name => "ciil-myo-electrode-shift";

    public string Description => "CIIL ElectrodeShift (LibEMG): 21 subjects, 5 classes, Myo 8 channels at 200 Hz, training + shifted-armband trials";

    public bool CanRead(string path) => FindSubjectRoot(path) is not null;

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = ReaderSupport.RequireFolder(path);
        var subjectRoot = FindSubjectRoot(root)
            ?? throw new DataFormatException(root, null, "no subject<N> folders (directly or under ElectrodeShift/)");

        var subjects = Directory.EnumerateDirectories(subjectRoot)
            .Select(Path.GetFileName)
            .Where(n => n is not null && SubjectPattern().IsMatch(n))
            .Order(Comparer<string?>.Create(ReaderSupport.NaturalCompare))
            .ToArray();

        var classNames = new SortedDictionary<int, (string Name, string File)>();
        var notes = new List<string>();
        var entries = new List<FileEntry>();
        foreach (var subject in subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var subjectDir = Path.Combine(subjectRoot, subject!);
            var sessions = Directory.EnumerateDirectories(subjectDir)
                .Select(Path.GetFileName)
                .Where(n => n is "training" || (n is not null && TrialPattern().IsMatch(n)))
                .Order(Comparer<string?>.Create((a, b) => a == b ? 0 : a == "training" ? -1 : b == "training" ? 1 : ReaderSupport.NaturalCompare(a, b)))
                .ToArray();
            if (sessions.Length == 0)
                throw new DataFormatException(subjectDir, null, "no training or trial_<k> folders");
            foreach (var session in sessions)
            {
                var sessionDir = Path.Combine(subjectDir, session!);
                var metadata = ReadMetadata(sessionDir, subject!, session!, classNames, notes, root);
                var csvs = Directory.EnumerateFiles(sessionDir, "*.csv").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
                foreach (var csv in csvs)
                {
                    if (!metadata.ContainsKey(csv!))
                        throw new DataFormatException(Path.Combine(sessionDir, "metadata.json"), null, $"no entry for {csv}");
                }
                foreach (var (file, (rep, cls)) in metadata.OrderBy(kv => kv.Value.Rep).ThenBy(kv => kv.Value.Class))
                {
                    var csvPath = Path.Combine(sessionDir, file);
                    if (!csvs.Contains(file))
                        throw new DataFormatException(csvPath, null, "file missing (listed in metadata.json)");
                    entries.Add(new FileEntry(csvPath, subject!, session!, rep, cls));
                }
            }
        }
        if (entries.Count == 0)
            throw new DataFormatException(subjectRoot, null, "no recordings");
        for (int k = 0; k < classNames.Count; k++)
        {
            if (!classNames.ContainsKey(k))
                throw new DataFormatException(subjectRoot, null, $"class ids are not contiguous: id {k} is never named in any metadata.json");
        }
        var names = classNames.Values.Select(v => v.Name).ToArray();

        var recordings = ReaderSupport.LoadOrdered(entries, e => Load(root, e), options, cancellationToken);
        return new Dataset(Name, names, recordings, root, notes);
    }

    private static Recording Load(string root, FileEntry e)
    {
        var table = NumericTextReader.ReadFile(e.Path, new NumericTextOptions { Delimiter = ',', HasHeader = false, ColumnCount = Channels });
        if (table.RowCount == 0)
            throw new DataFormatException(e.Path, null, "no data rows");
        var metadata = new RecordingMetadata(ReaderSupport.Relative(root, e.Path), e.Subject, e.Session, e.Rep)
        {
            Extra = new Dictionary<string, string> { ["shift"] = e.Session == "training" ? "none" : e.Session },
        };
        return Recording.FromFrameMajor(table.Values, SampleRateHz, ChannelNameList, Recording.ConstantLabels(table.RowCount, e.Class), metadata);
    }

    /// <summary>Reads one metadata.json: file name → (rep, class); adds class names, checking consistency.</summary>
    private static Dictionary<string, (int Rep, int Class)> ReadMetadata(
        string sessionDir, string subject, string session,
        SortedDictionary<int, (string Name, string File)> classNames, List<string> notes, string root)
    {
        var path = Path.Combine(sessionDir, "metadata.json");
        if (!File.Exists(path))
            throw new DataFormatException(path, null, "file missing");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(ReaderSupport.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, e.LineNumber is long line ? $"line {line + 1}" : null, $"invalid JSON ({e.Message})", e);
        }
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var mismatchedKeys = 0;
        string? exampleKey = null;
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, null, "expected a JSON object");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                    continue; // "continuous", "randomize", "gifs"
                var key = property.Name;
                var fileName = key[(key.LastIndexOf('/') + 1)..];
                var m = CsvPattern().Match(fileName);
                if (!m.Success)
                    throw new DataFormatException(path, $"entry '{key}'", "key does not end in R_<r>_C_<c>.csv");
                int rep = ReadInt(property.Value, "rep_idx", path, key);
                int cls = ReadInt(property.Value, "class_idx", path, key);
                if (!property.Value.TryGetProperty("class_name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                    throw new DataFormatException(path, $"entry '{key}'", "missing string 'class_name'");
                var name = nameElement.GetString()!;
                if (rep != int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) || cls != int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
                    throw new DataFormatException(path, $"entry '{key}'", $"rep_idx {rep} / class_idx {cls} contradict the file name");
                if (cls < 0 || rep < 0)
                    throw new DataFormatException(path, $"entry '{key}'", "negative index");
                if (classNames.TryGetValue(cls, out var known))
                {
                    if (known.Name != name)
                        throw new DataFormatException(path, $"entry '{key}'", $"class {cls} is named '{name}', but {known.File} names it '{known.Name}'");
                }
                else
                {
                    classNames[cls] = (name, ReaderSupport.Relative(root, path));
                }
                var parts = key.Split('/');
                if (parts.Length < 2 || parts[^2] != session || !parts.Contains(subject, StringComparer.Ordinal))
                {
                    mismatchedKeys++;
                    exampleKey ??= key;
                }
                if (!result.TryAdd(fileName, (rep, cls)))
                    throw new DataFormatException(path, $"entry '{key}'", $"second entry for {fileName}");
            }
        }
        if (mismatchedKeys > 0)
            notes.Add($"{ReaderSupport.Relative(root, path)}: {mismatchedKeys} keys name another folder (e.g. '{exampleKey ?? "?"}'); entries matched by file name");
        return result;
    }

    private static int ReadInt(JsonElement entry, string property, string path, string key)
    {
        if (!entry.TryGetProperty(property, out var e) || e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int value))
            throw new DataFormatException(path, $"entry '{key}'", $"missing integer '{property}'");
        return value;
    }

    private static string? FindSubjectRoot(string path)
    {
        if (!Directory.Exists(path))
            return null;
        foreach (var candidate in new[] { Path.Combine(path, "ElectrodeShift"), path })
        {
            if (Directory.Exists(candidate) && Directory.EnumerateDirectories(candidate)
                    .Any(d => SubjectPattern().IsMatch(Path.GetFileName(d)) && Directory.Exists(Path.Combine(d, "training"))))
                return candidate;
        }
        return null;
    }

    private readonly record struct FileEntry(string Path, string Subject, string Session, int Rep, int Class);

    [GeneratedRegex(@"^subject\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^trial_\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrialPattern();

    [GeneratedRegex(@"^R_(\d+)_C_(\d+)\.csv$", RegexOptions.CultureInvariant)]
    private static partial Regex CsvPattern();
}
