using System.Globalization;
using System.Text;
using SemgKit.Pipeline.Data;
using SemgKit.Signal.Features;

namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// Exports windowed features of a dataset as CSV: one row per window, columns <c>ch&lt;i&gt;.&lt;CODE&gt;</c> (and
/// multi-channel features after them), then <c>label</c>, <c>subject</c>, <c>session</c>, <c>trial</c>, <c>recording</c>
/// and <c>startSample</c> — the provenance needed to split by repetition or subject later, never by window.
/// </summary>
public static class FeatureTable
{
    /// <returns>Number of windows written.</returns>
    public static int Write(Dataset dataset, FeatureEncoderOptions options, string path, CancellationToken cancellationToken = default)
    {
        if (dataset.Recordings.Count == 0)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: no recordings");
        var encoder = new FeatureWindowEncoder(options, dataset.SampleRateHz, dataset.ChannelCount, dataset.ClassNames.Count);
        var windows = encoder.EncodeAll(dataset.Recordings, cancellationToken, keepUnlabelled: true);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(",", encoder.ColumnNames));
        writer.Write(",label,subject,session,trial,recording,startSample\n");
        var starts = new int[dataset.Recordings.Count];
        int previous = -1;
        Span<char> buffer = stackalloc char[32];
        for (int w = 0; w < windows.Count; w++)
        {
            int r = windows.RecordingIndex[w];
            if (r != previous)
            {
                starts[r] = (int)Math.Ceiling(encoder.WarmupSamples / (double)encoder.StepSamples) * encoder.StepSamples;
                previous = r;
            }
            var row = windows.Rows.AsSpan(w * windows.FeatureCount, windows.FeatureCount);
            foreach (float v in row)
            {
                v.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
                writer.Write(buffer[..n]);
                writer.Write(',');
            }
            var meta = dataset.Recordings[r].Metadata;
            int label = windows.Labels[w];
            writer.Write(label == Recording.NoLabel ? "" : Csv(dataset.ClassNames[label]));
            writer.Write($",{Csv(meta.Subject)},{Csv(meta.Session ?? "")},{meta.Trial?.ToString(CultureInfo.InvariantCulture) ?? ""},{r.ToString(CultureInfo.InvariantCulture)},{starts[r].ToString(CultureInfo.InvariantCulture)}\n");
            starts[r] += encoder.StepSamples;
        }
        return windows.Count;
    }

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
