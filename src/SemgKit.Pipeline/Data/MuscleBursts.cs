using System.Globalization;
using SemgKit.Signal.Filters;
using SemgKit.Signal.Onsets;

namespace SemgKit.Pipeline.Data;

/// <summary>
/// The muscle-identity task of the muscle-classification paper: every channel's contraction bursts (Teager-Kaiser onset
/// detection with one global threshold per channel and recording) become one-channel recordings labelled by the muscle
/// under the electrode (the channel name). Each burst keeps <see cref="MuscleBurstOptions.PreRollMs"/> of signal before its
/// onset and <see cref="MuscleBurstOptions.BurstMs"/> from it, so a window of BurstMs with a step and warm-up of PreRollMs
/// gives exactly one window per burst, starting at the onset (with <see cref="MuscleBurstOptions.TrailingMs"/>, more windows
/// later in the contraction, which <see cref="OnsetWindowOnly"/> removes from the test side). Within each subject the bursts get a seeded random order as
/// their trial number, so <c>repetition:0.2</c> is the intrapersonal 80/20 split by burst (one model per person) and <c>kfold:5</c> the pooled one.
/// </summary>
public static class MuscleBursts
{
    public static Dataset From(Dataset dataset, MuscleBurstOptions options, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        if (dataset.Recordings.Count == 0) throw new SemgException($"{dataset.Name}: no recordings to cut bursts from");
        var muscles = dataset.ChannelNames;
        int factor = DecimationFactor(dataset.SampleRateHz, options.SampleRateHz);
        double fs = dataset.SampleRateHz / factor;
        int pre = Samples(options.PreRollMs, fs), length = Samples(options.BurstMs, fs), trailing = Samples(options.TrailingMs, fs);
        var detector = new TkeoOnsetDetector(OnsetThreshold.Fixed(1), Math.Max(1, Samples(options.SmoothingMs, fs)), Math.Max(1, Samples(options.MinOnMs, fs)), Math.Max(1, Samples(options.MinOffMs, fs)));
        var band = Butterworth.BandPass(4, options.DetectionLowHz, Math.Min(options.DetectionHighHz, 0.45 * fs), fs);
        var bursts = new List<(string Subject, string? Group, string Source, int Muscle, float[] Samples)>();
        foreach (var recording in dataset.Recordings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!recording.ChannelNames.SequenceEqual(muscles))
                throw new SemgException($"{recording.Metadata.Source}: channels {string.Join(", ", recording.ChannelNames)} differ from the dataset's {string.Join(", ", muscles)}; muscle identity needs the same muscles everywhere");
            int n = (recording.SampleCount + factor - 1) / factor;
            if (n <= 3 * ZeroPhase.PadLength(band)) continue;
            var filtered = new float[n];
            var detection = new float[n];
            for (int c = 0; c < recording.ChannelCount; c++)
            {
                ReadOnlySpan<float> raw = factor == 1 ? recording.Channel(c) : Decimation.Apply(recording.Channel(c), factor);
                ZeroPhase.Apply(band, raw, filtered);
                detector.DetectionSignal(filtered, detection);
                double threshold = options.ThresholdFactor * Mean(detection);
                int taken = 0;
                var global = new TkeoOnsetDetector(OnsetThreshold.Fixed(threshold), detector.SmoothingSamples, detector.MinOnSamples, detector.MinOffSamples);
                foreach (var burst in global.Detect(filtered))
                {
                    int start = burst.OnsetSample - pre;
                    if (start < 0 || burst.OnsetSample + length > n) continue;
                    int kept = pre + length + Math.Min(trailing, n - burst.OnsetSample - length);
                    bursts.Add((recording.Metadata.Subject, recording.Metadata.Group, string.Create(CultureInfo.InvariantCulture, $"{recording.Metadata.Source} {muscles[c]} @{burst.OnsetSample / fs:0.000} s"), c, raw.Slice(start, kept).ToArray()));
                    if (++taken == options.MaxBurstsPerChannel) break;
                }
            }
        }
        if (bursts.Count == 0) throw new SemgException($"{dataset.Name}: no contraction bursts of {options.BurstMs:0} ms found (threshold {options.ThresholdFactor} × mean TKEO)");

        var recordings = new List<Recording>(bursts.Count);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        foreach (var subject in bursts.GroupBy(b => b.Subject, StringComparer.Ordinal))
        {
            var items = subject.ToArray();
            var order = Enumerable.Range(1, items.Length).ToArray();
            random.Shuffle(order);
            for (int i = 0; i < items.Length; i++)
            {
                var b = items[i];
                var labels = new int[b.Samples.Length];
                Array.Fill(labels, b.Muscle);
                recordings.Add(new Recording(b.Samples, fs, ["emg"], labels, new RecordingMetadata(b.Source, b.Subject, null, order[i], b.Group)));
            }
        }
        var counts = muscles.Select((m, k) => $"{m} {bursts.Count(b => b.Muscle == k)}");
        string rate = factor > 1 ? string.Create(CultureInfo.InvariantCulture, $"decimated {dataset.SampleRateHz:0.#} → {fs:0.#} Hz (zero-phase anti-alias low-pass), then ") : "";
        return new Dataset(dataset.Name + " muscle bursts", muscles, recordings, dataset.Source,
            [.. dataset.Notes, $"{rate}{bursts.Count} bursts of {options.BurstMs:0} ms from TKEO onsets (threshold {options.ThresholdFactor} × mean smoothed |TKEO| per channel and recording): {string.Join(", ", counts)}"]);
    }

    /// <summary>
    /// For the test side of every fold: each burst cut back to its pre-roll and <see cref="MuscleBurstOptions.BurstMs"/>, so it
    /// gives the one window at its onset however much trailing signal it kept for training.
    /// </summary>
    public static Evaluation.FoldRecordings OnsetWindowOnly(MuscleBurstOptions options) => new(
        string.Create(CultureInfo.InvariantCulture, $"test: each burst's onset window only ({options.BurstMs:0} ms from onset); training windows also start later in the contraction, up to {options.TrailingMs:0} ms, every encoder step"),
        (test, _) => test.Select(r =>
        {
            int keep = Samples(options.PreRollMs, r.SampleRateHz) + Samples(options.BurstMs, r.SampleRateHz);
            return r.SampleCount > keep ? r.Slice(0, keep) : r;
        }).ToArray());

    /// <summary>q when <paramref name="sourceHz"/> is q ≥ 2 times <paramref name="targetHz"/>, else 1 (keep the rate).</summary>
    private static int DecimationFactor(double sourceHz, double targetHz)
    {
        if (!(targetHz > 0) || sourceHz <= targetHz) return 1;
        double q = sourceHz / targetHz;
        return Math.Abs(q - Math.Round(q)) < 1e-9 ? (int)Math.Round(q) : 1;
    }

    private static int Samples(double ms, double fs) => (int)Math.Round(ms * fs / 1000.0);

    private static double Mean(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += v;
        return x.Length == 0 ? 0 : sum / x.Length;
    }
}
