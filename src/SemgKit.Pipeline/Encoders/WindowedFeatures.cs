using SemgKit.Learning;

namespace SemgKit.Pipeline.Encoders;

/// <summary>Feature rows of many windows with their labels and the recording each came from.</summary>
/// <param name="Rows">Row-major features, <c>Count × FeatureCount</c>.</param>
/// <param name="Labels">Window labels (class indices).</param>
/// <param name="RecordingIndex">For each window, the index of its recording in the list that was encoded.</param>
public sealed record WindowedFeatures(float[] Rows, int[] Labels, int[] RecordingIndex, int Count, int FeatureCount)
{
    public FeatureMatrix Matrix => new(Rows, Count, FeatureCount);

    /// <summary>Concatenates several encodings (recording indices are kept as given).</summary>
    public static WindowedFeatures Concat(IReadOnlyList<WindowedFeatures> parts, int featureCount)
    {
        int count = parts.Sum(p => p.Count);
        var rows = new float[count * featureCount];
        var labels = new int[count];
        var recordings = new int[count];
        int at = 0;
        foreach (var p in parts)
        {
            p.Rows.AsSpan(0, p.Count * featureCount).CopyTo(rows.AsSpan(at * featureCount));
            p.Labels.AsSpan(0, p.Count).CopyTo(labels.AsSpan(at));
            p.RecordingIndex.AsSpan(0, p.Count).CopyTo(recordings.AsSpan(at));
            at += p.Count;
        }
        return new WindowedFeatures(rows, labels, recordings, count, featureCount);
    }
}
