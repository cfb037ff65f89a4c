using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// Reads the Myo Armband Dataset of Côté-Allard et al.: <c>EvaluationDataset/&lt;person&gt;/{training0,Test0,Test1}/classe_i.dat</c>
/// and <c>PreTrainingDataset/&lt;person&gt;/training0/classe_i.dat</c>, raw little-endian int16, 8 channels interleaved, 200 Hz.
/// </summary>
/// <remarks>
/// <para>File <c>classe_i.dat</c> holds gesture <c>i mod 7</c> (neutral, radial deviation, wrist flexion, ulnar deviation,
/// wrist extension, hand close, hand open) of cycle <c>Trial = i / 7</c> (0..3). Session is the folder name; Group is
/// "evaluation" or "pretraining". Evaluation subjects keep their folder name ("Male3"); pre-training subjects are
/// prefixed ("pre-Female2") because the two groups are different people who reuse the same folder names.
/// <c>Extra["paperSubject"]</c> is "true" when the paper used that person's recordings of that group (evaluation:
/// Female0-1 and Male0-14; pre-training: Female0-6 and Male0-11), else "false".</para>
/// <para>Pre-training people whose every file is byte-identical to an evaluation recording (Female7, Female8 and
/// Female9 duplicate EvaluationDataset/Female0 training0, Test0 and Test1) are excluded and listed in
/// <see cref="Dataset.Notes"/>, so that subject-wise splits cannot leak. An odd byte count, or a count that is not
/// a whole number of 8-channel frames, is a <see cref="DataFormatException"/> naming the byte position.</para>
/// </remarks>
public sealed partial class CoteAllardReader : IDatasetReader
{
    /// <summary>Myo armband EMG sampling rate.</summary>
    public const double SampleRateHz = 200.0;

    private const int Channels = 8;
    private const int GesturesPerCycle = 7;
    private const int FilesPerSession = 28;

    private static readonly string[] Classes =
        ["neutral", "radial-deviation", "wrist-flexion", "ulnar-deviation", "wrist-extension", "hand-close", "hand-open"];

    private static readonly string[] ChannelNameList = ["ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7", "ch8"];

    private static readonly string[] EvaluationSessions = ["training0", "Test0", "Test1"];

    public string Name => "myo-armband-coteallard";

    public string Description => "Côté-Allard Myo Armband: 7 hand/wrist gestures, 8 channels, 200 Hz; 18 evaluation + 19 pre-training people";

    /// <summary>The class names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames => Classes;

    public bool CanRead(string path) =>
        Directory.Exists(Path.Combine(path, "EvaluationDataset")) || Directory.Exists(Path.Combine(path, "PreTrainingDataset"));

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = ReaderSupport.RequireFolder(path);
        var entries = new List<FileEntry>();
        AddGroup(root, "EvaluationDataset", "evaluation", EvaluationSessions, entries);
        AddGroup(root, "PreTrainingDataset", "pretraining", ["training0"], entries);

        var loaded = ReaderSupport.LoadOrdered(entries, e => Load(root, e), options, cancellationToken);

        // Exclude pre-training people whose every file duplicates an evaluation file.
        var evaluationHashes = new Dictionary<string, string>();
        foreach (var (entry, _, hash) in loaded)
        {
            if (entry.Group == "evaluation")
                evaluationHashes.TryAdd(hash, $"{entry.Person}/{entry.Session}");
        }
        var notes = new List<string>();
        var excluded = new HashSet<string>();
        foreach (var person in loaded.Where(l => l.Entry.Group == "pretraining").GroupBy(l => l.Entry.Person))
        {
            if (person.All(l => evaluationHashes.ContainsKey(l.Hash)))
            {
                excluded.Add(person.Key);
                var sources = person.Select(l => evaluationHashes[l.Hash]).Distinct().Order(StringComparer.Ordinal);
                notes.Add($"excluded PreTrainingDataset/{person.Key}: all {person.Count()} files are byte-identical to EvaluationDataset/{string.Join(", ", sources)}");
            }
        }

        var recordings = loaded
            .Where(l => !(l.Entry.Group == "pretraining" && excluded.Contains(l.Entry.Person)))
            .Select(l => l.Recording)
            .ToArray();
        return new Dataset(Name, Classes, recordings, root, notes);
    }

    /// <summary>Decodes little-endian int16 frames of 8 channels into a recording (channel-major).</summary>
    internal static Recording Decode(byte[] bytes, string file, RecordingMetadata metadata, int label)
    {
        if (bytes.Length % 2 != 0)
            throw new DataFormatException(file, $"byte {bytes.Length - 1}", $"odd byte count {bytes.Length}: the file ends in the middle of an int16 sample (truncated?)");
        int values = bytes.Length / 2;
        if (values % Channels != 0)
        {
            int frameStart = values / Channels * Channels * 2;
            throw new DataFormatException(file, $"byte {frameStart}", $"{bytes.Length} bytes is not a whole number of {Channels}-channel int16 frames: the last frame is incomplete (truncated?)");
        }
        if (values == 0)
            throw new DataFormatException(file, null, "empty file");
        int count = values / Channels;
        var samples = new float[values];
        for (int t = 0; t < count; t++)
        {
            for (int c = 0; c < Channels; c++)
                samples[c * count + t] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan((t * Channels + c) * 2, 2));
        }
        return new Recording(samples, SampleRateHz, ChannelNameList, Recording.ConstantLabels(count, label), metadata);
    }

    private static (FileEntry Entry, Recording Recording, string Hash) Load(string root, FileEntry entry)
    {
        var bytes = ReaderSupport.ReadAllBytes(entry.Path);
        var subject = entry.Group == "evaluation" ? entry.Person : "pre-" + entry.Person;
        var metadata = new RecordingMetadata(
            ReaderSupport.Relative(root, entry.Path),
            subject,
            entry.Session,
            entry.Index / GesturesPerCycle,
            entry.Group)
        {
            Extra = new Dictionary<string, string>
            {
                ["paperSubject"] = IsPaperSubject(entry.Group, entry.Person) ? "true" : "false",
                ["file"] = Path.GetFileName(entry.Path),
            },
        };
        var recording = Decode(bytes, entry.Path, metadata, entry.Index % GesturesPerCycle);
        return (entry, recording, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>Whether the paper used this person's recordings of this group (README of the dataset).</summary>
    internal static bool IsPaperSubject(string group, string person)
    {
        var m = PersonPattern().Match(person);
        if (!m.Success)
            return false;
        int n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        bool female = m.Groups[1].Value == "Female";
        return group == "evaluation"
            ? (female ? n <= 1 : n <= 14)
            : (female ? n <= 6 : n <= 11);
    }

    private static void AddGroup(string root, string folder, string group, string[] sessions, List<FileEntry> entries)
    {
        var groupDir = Path.Combine(root, folder);
        if (!Directory.Exists(groupDir))
            throw new DataFormatException(groupDir, null, "folder not found");
        var people = Directory.EnumerateDirectories(groupDir)
            .Select(Path.GetFileName)
            .Where(n => n is not null && PersonPattern().IsMatch(n))
            .Order(Comparer<string?>.Create(ReaderSupport.NaturalCompare))
            .ToArray();
        if (people.Length == 0)
            throw new DataFormatException(groupDir, null, "no Female<n>/Male<n> folders");
        foreach (var person in people)
        {
            foreach (var session in sessions)
            {
                var sessionDir = FindSessionFolder(Path.Combine(groupDir, person!), session);
                for (int i = 0; i < FilesPerSession; i++)
                {
                    var file = Path.Combine(sessionDir, $"classe_{i.ToString(CultureInfo.InvariantCulture)}.dat");
                    if (!File.Exists(file))
                        throw new DataFormatException(file, null, "file missing (each session has classe_0.dat .. classe_27.dat)");
                    entries.Add(new FileEntry(file, group, person!, session, i));
                }
            }
        }
    }

    private static string FindSessionFolder(string personDir, string session)
    {
        var exact = Path.Combine(personDir, session);
        if (Directory.Exists(exact))
            return exact;
        // The README writes test0/test1; the data use Test0/Test1. Accept either on case-sensitive file systems.
        if (Directory.Exists(personDir))
        {
            var match = Directory.EnumerateDirectories(personDir)
                .FirstOrDefault(d => string.Equals(Path.GetFileName(d), session, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                return match;
        }
        throw new DataFormatException(exact, null, "session folder missing");
    }

    private readonly record struct FileEntry(string Path, string Group, string Person, string Session, int Index);

    [GeneratedRegex(@"^(Female|Male)(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();
}
