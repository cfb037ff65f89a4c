using SemgKit.Learning;

namespace SemgKit.Pipeline.Encoders;

/// <summary>Feature rows of many windows with their labels and the recording each came from.</summary>
/// <param name="Rows">Row-major features, <c>Count × FeatureCount</c>.</param>
/// <param name="Labels">Window labels (class indices).</param>
/// <param name="RecordingIndex">For each window, the index of its recording in the list that was encoded.</param>
public sealed record WindowedFeatures(float[] Rows, int[] Labels, int[] RecordingIndex, int Count, int FeatureCount)
{
    public FeatureMatrix Matrix => new(Rows, Count, FeatureCount);

    /// <summary>Concatenates the encodings of several recordings: each window's recording index becomes the position of its
    /// part in <paramref name="parts"/> (the index it was encoded with is not read, so a cached encoding can be reused).</summary>
    public static WindowedFeatures Concat(IReadOnlyList<WindowedFeatures> parts, int featureCount)
    {
        int count = parts.Sum(p => p.Count);
        var rows = new float[count * featureCount];
        var labels = new int[count];
        var recordings = new int[count];
        int at = 0, part = 0;
        foreach (var p in parts)
        {
            p.Rows.AsSpan(0, p.Count * featureCount).CopyTo(rows.AsSpan(at * featureCount));
            p.Labels.AsSpan(0, p.Count).CopyTo(labels.AsSpan(at));
            recordings.AsSpan(at, p.Count).Fill(part);
            at += p.Count;
            part++;
        }
        return new WindowedFeatures(rows, labels, recordings, count, featureCount);
    }
}
