using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// Accumulates, over folds, the majority vote of each test recording's window predictions (vs the majority of its window
/// labels) and per-window accuracy by population group.
/// </summary>
internal sealed class RecordingVotes
{
    private int _recordings, _correctRecordings;
    private readonly Dictionary<string, (int Correct, int Total)> _groups = new(StringComparer.Ordinal);

    public double Accuracy => _recordings == 0 ? double.NaN : (double)_correctRecordings / _recordings;

    public void Add(WindowedFeatures test, int[] predictions, IReadOnlyList<Recording> recordings, int classCount)
    {
        var truthCounts = new int[recordings.Count, classCount];
        var predictedCounts = new int[recordings.Count, classCount];
        for (int i = 0; i < test.Count; i++)
        {
            int r = test.RecordingIndex[i];
            truthCounts[r, test.Labels[i]]++;
            if (predictions[i] >= 0) predictedCounts[r, predictions[i]]++;
            if (recordings[r].Metadata.Group is { } group)
            {
                _groups.TryGetValue(group, out var g);
                _groups[group] = (g.Correct + (predictions[i] == test.Labels[i] ? 1 : 0), g.Total + 1);
            }
        }
        for (int r = 0; r < recordings.Count; r++)
        {
            int truth = ArgMax(truthCounts, r, classCount, out int windows);
            if (windows == 0) continue;
            _recordings++;
            int vote = ArgMax(predictedCounts, r, classCount, out int decided);
            if (decided > 0 && vote == truth) _correctRecordings++;
        }
    }

    public IReadOnlyDictionary<string, double> GroupAccuracy() =>
        _groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Value.Correct / g.Value.Total);

    /// <summary>The most frequent class of row <paramref name="r"/> (lowest index on ties) and the row's total.</summary>
    private static int ArgMax(int[,] counts, int r, int classCount, out int total)
    {
        int best = 0;
        total = 0;
        for (int k = 0; k < classCount; k++)
        {
            total += counts[r, k];
            if (counts[r, k] > counts[r, best]) best = k;
        }
        return best;
    }
}
