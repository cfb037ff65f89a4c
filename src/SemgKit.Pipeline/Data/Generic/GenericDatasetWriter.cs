using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SemgKit.Pipeline.Data.Generic;

/// <summary>
/// Writes a <see cref="Dataset"/> in SemgKit's generic format (<c>dataset.json</c> + one frame-major CSV per recording,
/// with a header and a <c>label</c> column). <see cref="GenericDatasetReader"/> reads it back exactly
/// (samples are written with round-trip precision).
/// </summary>
public static class GenericDatasetWriter
{
    /// <summary>Writes <paramref name="dataset"/> into <paramref name="folder"/> (created if needed); returns the manifest path.</summary>
    public static string Write(Dataset dataset, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Recordings.Count == 0)
            throw new ArgumentException("The dataset has no recordings.", nameof(dataset));
        Directory.CreateDirectory(folder);
        var files = new string[dataset.Recordings.Count];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < files.Length; i++)
        {
            var r = dataset.Recordings[i];
            string stem = FileStem(dataset, r, i);
            string name = stem + ".csv";
            for (int k = 2; !used.Add(name); k++)
                name = stem + "_" + k.ToString(CultureInfo.InvariantCulture) + ".csv";
            files[i] = Path.Combine(Sanitise(r.Metadata.Subject), name).Replace('\\', '/');
        }

        OrderedParallel.Map(files.Length, i =>
        {
            WriteCsv(dataset, dataset.Recordings[i], Path.Combine(folder, files[i]));
            return true;
        }, cancellationToken);

        var first = dataset.Recordings[0];
        var manifest = new DatasetManifest
        {
            Name = dataset.Name,
            SampleRateHz = first.SampleRateHz,
            Channels = first.ChannelNames,
            Units = first.ChannelUnits,
            Classes = dataset.ClassNames,
            Recordings = dataset.Recordings.Select((r, i) => new ManifestRecording
            {
                File = files[i],
                Subject = r.Metadata.Subject,
                Session = r.Metadata.Session is null ? null : JsonSerializer.SerializeToElement(r.Metadata.Session),
                Trial = r.Metadata.Trial,
                Group = r.Metadata.Group,
                Extra = r.Metadata.Extra.Count == 0 ? null : r.Metadata.Extra,
            }).ToArray(),
        };
        string manifestPath = Path.Combine(folder, GenericDatasetReader.ManifestFileName);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, GenericDatasetReader.JsonOptions) + "\n");
        return manifestPath;
    }

    private static void WriteCsv(Dataset dataset, Recording r, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(",", r.ChannelNames));
        writer.Write(",label\n");
        Span<char> buffer = stackalloc char[32];
        var labels = r.Labels;
        for (int t = 0; t < r.SampleCount; t++)
        {
            for (int c = 0; c < r.ChannelCount; c++)
            {
                r[c, t].TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
                writer.Write(buffer[..n]);
                writer.Write(',');
            }
            if (labels[t] != Recording.NoLabel)
                writer.Write(dataset.ClassNames[labels[t]]);
            writer.Write('\n');
        }
    }

    private static string FileStem(Dataset dataset, Recording r, int index)
    {
        var parts = new List<string>();
        if (r.Metadata.Session is { } session) parts.Add("s" + session);
        if (r.Metadata.Extra.TryGetValue("movement", out var movement)) parts.Add(movement);
        else if (DominantLabel(r) is int k) parts.Add(dataset.ClassNames[k]);
        parts.Add(r.Metadata.Trial is int trial ? "t" + trial.ToString(CultureInfo.InvariantCulture) : "r" + index.ToString(CultureInfo.InvariantCulture));
        return Sanitise(string.Join("_", parts));
    }

    /// <summary>The most frequent class other than the first class when the recording has any other, else the most frequent.</summary>
    private static int? DominantLabel(Recording r)
    {
        var counts = new Dictionary<int, int>();
        foreach (int l in r.Labels)
        {
            if (l != Recording.NoLabel)
                counts[l] = counts.GetValueOrDefault(l) + 1;
        }
        if (counts.Count == 0) return null;
        var candidates = counts.Count > 1 ? counts.Where(kv => kv.Key != 0) : counts;
        return candidates.MaxBy(kv => kv.Value).Key;
    }

    private static string Sanitise(string name)
    {
        var chars = name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-').ToArray();
        return new string(chars);
    }
}
