using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.PostProcessing;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// Accumulates, over folds, the majority vote of each test recording's window predictions (vs the majority of its window
/// labels), per-window accuracy after the causal majority vote of the last <see cref="SmoothingWindows"/> decisions
/// (<see cref="DecisionSmoother"/>, as <c>semg train --majority-vote</c> streams it), and per-window accuracy by
/// population group.
/// </summary>
internal sealed class RecordingVotes
{
    /// <summary>Decisions in the causal vote of <see cref="SmoothedAccuracy"/> (5 × a 50 ms step: about 100 ms more delay).</summary>
    public const int SmoothingWindows = 5;

    private int _recordings, _correctRecordings, _windows, _correctSmoothed;
    private readonly Dictionary<string, (int Correct, int Total)> _groups = new(StringComparer.Ordinal);

    public double Accuracy => _recordings == 0 ? double.NaN : (double)_correctRecordings / _recordings;

    /// <summary>Per-window accuracy of the smoothed decisions (each test recording's windows in time order, the vote reset per recording).</summary>
    public double SmoothedAccuracy => _windows == 0 ? double.NaN : (double)_correctSmoothed / _windows;

    public void Add(WindowedFeatures test, int[] predictions, IReadOnlyList<Recording> recordings, int classCount)
    {
        var truthCounts = new int[recordings.Count, classCount];
        var predictedCounts = new int[recordings.Count, classCount];
        var smoother = new DecisionSmoother(new PostProcessingOptions { MajorityVoteWindows = SmoothingWindows }, classCount);
        for (int i = 0; i < test.Count; i++)
        {
            int r = test.RecordingIndex[i];
            if (i == 0 || test.RecordingIndex[i - 1] != r) smoother.Reset();
            _windows++;
            if (predictions[i] >= 0 && smoother.Next(predictions[i], 1) == test.Labels[i]) _correctSmoothed++;
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
