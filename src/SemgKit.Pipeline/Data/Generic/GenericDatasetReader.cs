using System.Globalization;
using System.Text.Json;

namespace SemgKit.Pipeline.Data.Generic;

/// <summary>
/// Reads SemgKit's generic format: a folder with <c>dataset.json</c> (<see cref="DatasetManifest"/>) and
/// frame-major CSV files. A recording with <c>label</c> in the manifest has that class throughout;
/// one without takes per-sample classes from its CSV's <c>label</c> column.
/// </summary>
public sealed class GenericDatasetReader : IDatasetReader
{
    public const string ManifestFileName = "dataset.json";

    public string Name => "generic";

    public string Description => "SemgKit generic format: dataset.json + frame-major CSV files";

    public bool CanRead(string path) =>
        (Directory.Exists(path) && File.Exists(Path.Combine(path, ManifestFileName)))
        || (File.Exists(path) && Path.GetFileName(path).Equals(ManifestFileName, StringComparison.OrdinalIgnoreCase));

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        string manifestPath = Directory.Exists(path) ? Path.Combine(path, ManifestFileName) : path;
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var manifest = ReadManifest(manifestPath);
        var classes = manifest.Classes!;
        var channels = manifest.Channels!;
        var entries = manifest.Recordings!;

        var recordings = OrderedParallel.Map(
            entries.Count,
            i => ReadRecording(manifestPath, folder, manifest, i, options.AllowNonFinite, cancellationToken),
            cancellationToken,
            options.Progress is { } progress ? n => progress.Report((n, entries.Count)) : null);
        return new Dataset(manifest.Name ?? Path.GetFileName(folder), classes, recordings, folder);
    }

    /// <summary>Parses and validates <c>dataset.json</c>; every problem is a <see cref="DataFormatException"/> naming the field.</summary>
    public static DatasetManifest ReadManifest(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new DataFormatException(manifestPath, null, "file not found");
        DatasetManifest? manifest;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            manifest = JsonSerializer.Deserialize<DatasetManifest>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            string position = e.LineNumber is long line
                ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
                : "JSON";
            throw new DataFormatException(manifestPath, position, "invalid JSON: " + FirstSentence(e.Message), e);
        }
        if (manifest is null)
            throw new DataFormatException(manifestPath, null, "manifest is empty (null)");
        Require(manifestPath, manifest.SampleRateHz > 0 && double.IsFinite(manifest.SampleRateHz), "sampleRateHz", "must be a positive number");
        Require(manifestPath, manifest.Channels is { Count: > 0 }, "channels", "must list at least one channel name");
        Require(manifestPath, manifest.Classes is { Count: > 0 }, "classes", "must list at least one class name");
        Require(manifestPath, manifest.Recordings is { Count: > 0 }, "recordings", "must list at least one recording");
        for (int i = 0; i < manifest.Classes!.Count; i++)
        {
            Require(manifestPath, !string.IsNullOrWhiteSpace(manifest.Classes[i]), $"classes[{i}]", "class name is empty");
            for (int j = 0; j < i; j++)
                Require(manifestPath, !string.Equals(manifest.Classes[i], manifest.Classes[j], StringComparison.OrdinalIgnoreCase), $"classes[{i}]", $"duplicate class '{manifest.Classes[i]}'");
        }
        Require(manifestPath, manifest.Units is null || manifest.Units.Count == manifest.Channels!.Count, "units", $"has {manifest.Units?.Count} entries for {manifest.Channels!.Count} channels");
        for (int i = 0; i < manifest.Recordings!.Count; i++)
        {
            var r = manifest.Recordings[i];
            Require(manifestPath, r is not null, $"recordings[{i}]", "is null");
            Require(manifestPath, !string.IsNullOrWhiteSpace(r!.File), $"recordings[{i}].file", "is missing");
            Require(manifestPath, !string.IsNullOrWhiteSpace(r.Subject), $"recordings[{i}].subject", "is missing");
            Require(manifestPath, r.Session is null || r.Session.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null,
                $"recordings[{i}].session", "must be a string or a number");
            if (r.Label is not null)
            {
                Require(manifestPath, IndexOf(manifest.Classes, r.Label) >= 0, $"recordings[{i}].label",
                    $"unknown class '{r.Label}' (classes: {string.Join(", ", manifest.Classes)})");
            }
        }
        return manifest;
    }

    private static Recording ReadRecording(string manifestPath, string folder, DatasetManifest manifest, int index, bool allowNonFinite, CancellationToken ct)
    {
        var entry = manifest.Recordings![index];
        var classes = manifest.Classes!;
        string file = Path.GetFullPath(Path.Combine(folder, entry.File!));
        if (!File.Exists(file))
            throw new DataFormatException(manifestPath, $"recordings[{index}].file", $"'{entry.File}' not found (looked for {file})");
        var content = FrameCsv.Read(file, manifest.Channels!.Count, ct, allowNonFinite);
        int[] labels;
        if (entry.Label is not null)
        {
            labels = Recording.ConstantLabels(content.SampleCount, IndexOf(classes, entry.Label));
        }
        else if (content.Labels is { } names)
        {
            labels = new int[names.Length];
            for (int t = 0; t < names.Length; t++)
            {
                if (names[t] is null)
                {
                    labels[t] = Recording.NoLabel;
                    continue;
                }
                int k = IndexOf(classes, names[t]!);
                if (k < 0)
                    throw new DataFormatException(file, $"row {t + 1 + content.HeaderRows}", $"unknown class '{names[t]}' in the label column (classes: {string.Join(", ", classes)})");
                labels[t] = k;
            }
        }
        else
        {
            throw new DataFormatException(file, null, $"no 'label' in {ManifestFileName} (recordings[{index}]) and no label column in the file");
        }
        string? session = entry.Session switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };
        var metadata = new RecordingMetadata(file, entry.Subject!, session, entry.Trial, entry.Group)
        {
            Extra = entry.Extra ?? new Dictionary<string, string>(),
        };
        return new Recording(content.ChannelMajor, manifest.SampleRateHz, manifest.Channels!, labels, metadata, manifest.Units);
    }

    internal static int IndexOf(IReadOnlyList<string> classes, string name)
    {
        for (int i = 0; i < classes.Count; i++)
        {
            if (string.Equals(classes[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    private static void Require(string file, bool condition, string field, string problem)
    {
        if (!condition)
            throw new DataFormatException(file, $"field '{field}'", problem);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
