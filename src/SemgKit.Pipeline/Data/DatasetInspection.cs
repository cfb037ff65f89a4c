using SemgKit.Signal.Quality;

namespace SemgKit.Pipeline.Data;

/// <summary>What <c>semg inspect</c> reports: the dataset summary and per-channel signal quality pooled over recordings.</summary>
public sealed record DatasetInspection(DatasetSummary Summary, IReadOnlyList<ChannelInspection> Channels)
{
    /// <summary>Measures every channel of every recording (in parallel) and pools them, weighting by sample count.</summary>
    public static DatasetInspection Of(Dataset dataset, CancellationToken cancellationToken = default)
    {
        int channels = dataset.ChannelCount;
        var perRecording = OrderedParallel.Map(dataset.Recordings.Count, i =>
        {
            var r = dataset.Recordings[i];
            var reports = new ChannelQualityReport[channels];
            for (int c = 0; c < channels; c++)
                reports[c] = ChannelQuality.Measure(r.Channel(c), r.SampleRateHz);
            return reports;
        }, cancellationToken);
        var result = new ChannelInspection[channels];
        double totalSamples = dataset.Recordings.Sum(r => (double)r.SampleCount);
        for (int c = 0; c < channels; c++)
        {
            double sumSquares = 0, clipped = 0, flat = 0, line50 = 0, line60 = 0, lineWeight = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            long nonFinite = 0;
            for (int i = 0; i < perRecording.Length; i++)
            {
                var q = perRecording[i][c];
                double n = dataset.Recordings[i].SampleCount;
                if (double.IsFinite(q.Rms)) sumSquares += q.Rms * q.Rms * n;
                clipped += q.ClippedFraction * n;
                flat += q.FlatLineFraction * n;
                if (double.IsFinite(q.PowerLineRatio50Hz) && double.IsFinite(q.PowerLineRatio60Hz))
                {
                    line50 += q.PowerLineRatio50Hz * n;
                    line60 += q.PowerLineRatio60Hz * n;
                    lineWeight += n;
                }
                min = Math.Min(min, q.Min);
                max = Math.Max(max, q.Max);
                nonFinite += q.NonFiniteCount;
            }
            result[c] = new ChannelInspection(
                dataset.ChannelNames[c],
                dataset.Recordings.Count == 0 ? "" : dataset.Recordings[0].ChannelUnits[c],
                Math.Sqrt(sumSquares / totalSamples),
                min,
                max,
                clipped / totalSamples,
                flat / totalSamples,
                lineWeight > 0 ? line50 / lineWeight : double.NaN,
                lineWeight > 0 ? line60 / lineWeight : double.NaN,
                nonFinite);
        }
        return new DatasetInspection(DatasetSummary.Of(dataset), result);
    }
}
