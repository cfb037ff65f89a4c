using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming;

namespace SemgKit.Pipeline.Control;

/// <summary>
/// Fits per-class <see cref="VelocityRange"/>s from labelled recordings: each recording is replayed through the model's
/// own streaming path, the amplitude of every decided window is collected under the window's label, and each class gets
/// its low and high percentiles.
/// </summary>
public static class VelocityCalibration
{
    public static IReadOnlyDictionary<string, VelocityRange> Fit(EmgModel model, Dataset dataset, double lowPercentile = 10, double highPercentile = 90, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(lowPercentile >= 0 && highPercentile <= 100 && lowPercentile < highPercentile))
            throw new SemgException($"velocity percentiles {lowPercentile}/{highPercentile}: need 0 ≤ low < high ≤ 100");
        model.RequireCompatible(dataset);
        var amplitudes = dataset.ClassNames.Select(_ => new List<float>()).ToArray();
        var options = model.Manifest.Encoder;
        foreach (var recording in dataset.Recordings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stream = new StreamingClassifier(model);
            var collector = new Collector(stream, recording, options, amplitudes);
            stream.Push(recording.ToFrameMajor(), collector);
        }
        var result = new Dictionary<string, VelocityRange>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < amplitudes.Length; k++)
        {
            if (amplitudes[k].Count == 0) continue;
            var sorted = amplitudes[k].Order().ToArray();
            double low = Percentile(sorted, lowPercentile), high = Percentile(sorted, highPercentile);
            if (high > low) result[dataset.ClassNames[k]] = new VelocityRange(low, high);
        }
        return result;
    }

    private static double Percentile(float[] sorted, double p)
    {
        double rank = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    private sealed class Collector(StreamingClassifier stream, Recording recording, FeatureEncoderOptions options, List<float>[] amplitudes) : IDecisionHandler
    {
        private readonly int[] _counts = new int[amplitudes.Length];

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities)
        {
            int start = (int)decision.EndSample - stream.WindowSamples;
            int label = WindowLabeler.Label(recording.Labels.Slice(start, stream.WindowSamples), options.LabelRule, options.LabelPurity, _counts);
            if (label == Recording.NoLabel) return;
            amplitudes[label].Add(WindowAmplitude.SumOfMeanAbsoluteValues(stream.CurrentWindow, stream.ChannelCount));
        }
    }
}
