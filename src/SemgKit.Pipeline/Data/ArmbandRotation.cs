using SemgKit.Pipeline.Evaluation;
using SemgKit.Signal.Spatial;

namespace SemgKit.Pipeline.Data;

/// <summary>
/// Recalibration of a ring armband (e.g. the Myo) put back on rotated: each class's pattern of per-channel log RMS in a
/// short labelled calibration (one repetition of each class) is lined up with the training session's
/// (<see cref="ChannelRotation.Estimate"/>), and the new session's channels are put back where the model expects them.
/// The model is not retrained.
/// </summary>
public static class ArmbandRotation
{
    /// <summary>
    /// Per class k (0 … <paramref name="classCount"/> − 1), the log RMS of each channel over the samples labelled k (each
    /// recording's channel mean removed first); null where no sample has class k.
    /// </summary>
    public static double[]?[] Patterns(IEnumerable<Recording> recordings, int classCount) => Accumulate(recordings, classCount, pooled: false);

    /// <summary>
    /// The log RMS of each channel over every sample, labelled or not (each recording's channel mean removed first); null
    /// without samples. The reference of a calibration without labels: it holds the mix of whatever was done.
    /// </summary>
    public static double[]? PooledPattern(IEnumerable<Recording> recordings) => Accumulate(recordings, 1, pooled: true)[0];

    // per slot (the class, or the one pooled slot) the mean square of each channel's mean-removed samples, as log RMS
    private static double[]?[] Accumulate(IEnumerable<Recording> recordings, int classCount, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        double[][]? sums = null;
        var counts = new long[classCount];
        int channels = -1;
        int Slot(int label) => pooled ? 0 : label < classCount ? label : -1; // NoLabel (−1) stays −1
        foreach (var r in recordings)
        {
            if (channels < 0) (channels, sums) = (r.ChannelCount, Enumerable.Range(0, classCount).Select(_ => new double[r.ChannelCount]).ToArray());
            else if (r.ChannelCount != channels)
                throw new SemgException($"{r.Metadata.Source}: {r.ChannelCount} channels, the other recordings have {channels}");
            var labels = r.Labels;
            for (int t = 0; t < labels.Length; t++)
                if (Slot(labels[t]) is var k and >= 0) counts[k]++;
            for (int c = 0; c < channels; c++)
            {
                var x = r.Channel(c);
                double mean = 0;
                foreach (float v in x) mean += v;
                mean /= Math.Max(1, x.Length);
                for (int t = 0; t < x.Length; t++)
                {
                    int k = Slot(labels[t]);
                    if (k < 0) continue;
                    double d = x[t] - mean;
                    sums![k][c] += d * d;
                }
            }
        }
        var patterns = new double[]?[classCount];
        for (int k = 0; k < classCount && sums is not null; k++)
            if (counts[k] > 0)
                patterns[k] = sums[k].Select(s => 0.5 * Math.Log(s / counts[k] + 1e-12)).ToArray();
        return patterns;
    }

    /// <summary>The rotation of <paramref name="calibration"/>'s armband relative to <paramref name="reference"/>'s (see <see cref="ChannelRotation"/>).</summary>
    public static int Estimate(IReadOnlyList<Recording> reference, IReadOnlyList<Recording> calibration, int classCount) =>
        ChannelRotation.Best(Scores(Patterns(reference, classCount), Patterns(calibration, classCount), calibration.FirstOrDefault()?.Metadata.Source ?? "calibration"));

    /// <summary>
    /// The rotation of a new session's armband relative to the one <paramref name="model"/> was trained with, from
    /// <paramref name="calibration"/>: recordings of the new session, checked against the model. Labelled (e.g. each class
    /// once), each class's pattern is matched with the bundle's; where none of its samples carries one of the model's classes,
    /// the pooled pattern of all its samples is matched with the training's (less sure: it holds whatever mix was done, so
    /// do each movement in it).
    /// </summary>
    /// <exception cref="SemgException">The bundle holds no channel patterns (saved before they were kept), or the calibration does not fit the model.</exception>
    public static ArmbandCalibration Recalibrate(Models.EmgModel model, Dataset calibration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        var reference = model.Manifest.ChannelPatterns
            ?? throw new SemgException($"{model.Manifest.Name}: the bundle keeps no channel patterns to recalibrate against (it was saved by an older SemgKit); retrain it with 'semg train'");
        model.RequireCompatible(calibration);
        var byModel = model.ClassNames.Select(n => calibration.ClassNames.ToList().FindIndex(m => string.Equals(m, n, StringComparison.OrdinalIgnoreCase))).ToArray(); // model class → calibration class
        var own = Patterns(calibration.Recordings, calibration.ClassNames.Count);
        var matched = byModel.Select(k => k >= 0 ? own[k] : null).ToArray();
        string where = calibration.Source ?? calibration.Name;
        bool unlabelled = matched.All(p => p is null);
        var scores = unlabelled
            ? Scores([model.Manifest.PooledChannelPattern ?? throw new SemgException($"{where}: no sample carries one of the model's classes, and the bundle keeps no pooled channel pattern to match unlabelled calibration with (retrain it with 'semg train')")],
                [PooledPattern(calibration.Recordings)], where)
            : Scores(reference, matched, where);
        int rotation = ChannelRotation.Best(scores);
        return new ArmbandCalibration(rotation, scores[rotation], scores[0], unlabelled);
    }

    private static double[] Scores(IReadOnlyList<double[]?> reference, IReadOnlyList<double[]?> calibration, string where)
    {
        try
        {
            return ChannelRotation.Scores(reference, calibration);
        }
        catch (ArgumentException e)
        {
            throw new SemgException($"{where}: no armband rotation: {e.Message}");
        }
    }

    /// <summary><paramref name="recording"/> with rotation <paramref name="rotation"/> undone: channel c holds what electrode (c + r) mod C recorded (names stay: they are the positions).</summary>
    public static Recording Undo(Recording recording, int rotation)
    {
        ArgumentNullException.ThrowIfNull(recording);
        int n = recording.SampleCount, channels = recording.ChannelCount;
        if (((rotation % channels) + channels) % channels == 0) return recording;
        var order = ChannelRotation.Order(channels, rotation);
        var samples = new float[channels * n];
        for (int c = 0; c < channels; c++) recording.Channel(order[c]).CopyTo(samples.AsSpan(c * n, n));
        return new Recording(samples, recording.SampleRateHz, recording.ChannelNames, recording.Labels.ToArray(), recording.Metadata, recording.ChannelUnits);
    }

    /// <summary>
    /// For the test side of every fold: in each subject's session, the recordings of the first repetition (lowest
    /// <see cref="RecordingMetadata.Trial"/>) calibrate and are not tested; the other repetitions are tested with the
    /// rotation, estimated against that subject's training recordings, undone (<paramref name="realign"/> false: as recorded,
    /// the baseline on the same test recordings). A session of one repetition calibrates on the first half of each recording
    /// and tests the second half. <paramref name="labels"/> false estimates the rotation from the calibration's pooled
    /// pattern, its labels unread (as <see cref="Recalibrate"/> does with an unlabelled recording).
    /// </summary>
    public static FoldRecordings CalibrateOnFirstRepetition(bool realign = true, bool labels = true) => new(
        !realign ? "test: per subject and session, what the realigned run tests (all but the first repetition, or each recording's second half); channels as recorded"
        : labels ? "test: per subject and session, the first repetition of each class (a session of one: each recording's first half) calibrates the armband rotation (per-class log-RMS patterns around the ring lined up with the training session's) and is not tested; the rest is tested with the rotation undone"
        : "test: per subject and session, the first repetition (a session of one: each recording's first half) calibrates the armband rotation without its labels (the pooled log-RMS pattern of all its samples lined up with the training session's) and is not tested; the rest is tested with the rotation undone",
        (test, training) =>
        {
            int classCount = 1 + training.Concat(test).Max(MaxLabel);
            var kept = new List<Recording>();
            foreach (var session in test.GroupBy(r => (r.Metadata.Subject, r.Metadata.Session)))
            {
                int first = session.Min(r => r.Metadata.Trial ?? 0);
                var calibration = session.Where(r => (r.Metadata.Trial ?? 0) == first).ToArray();
                var later = session.Where(r => (r.Metadata.Trial ?? 0) != first).ToArray();
                if (later.Length == 0) // one repetition: the first half of each recording calibrates, the second half is tested
                    (calibration, later) = (session.Select(r => r.Slice(0, r.SampleCount / 2)).ToArray(), session.Select(r => r.Slice(r.SampleCount / 2, r.SampleCount - r.SampleCount / 2)).ToArray());
                if (!realign) { kept.AddRange(later); continue; }
                var reference = training.Where(r => r.Metadata.Subject == session.Key.Subject).ToArray();
                if (reference.Length == 0)
                    throw new SemgException($"{calibration[0].Metadata.Source}: subject {session.Key.Subject} has no training recordings to calibrate the armband rotation against");
                int rotation = labels
                    ? Estimate(reference, calibration, classCount)
                    : ChannelRotation.Best(Scores([PooledPattern(reference)], [PooledPattern(calibration)], calibration[0].Metadata.Source));
                kept.AddRange(later.Select(r => Undo(r, rotation)));
            }
            return kept;
        });

    private static int MaxLabel(Recording r)
    {
        int max = -1;
        foreach (int l in r.Labels) max = Math.Max(max, l);
        return max;
    }
}
