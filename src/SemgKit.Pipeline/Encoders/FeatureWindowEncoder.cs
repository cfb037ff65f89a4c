using System.Buffers;
using System.Collections.Concurrent;
using SemgKit.Pipeline.Data;
using SemgKit.Signal.Filters;
using SemgKit.Signal.Windows;

namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// Turns a recording into input rows (feature rows, raw windows, spectrograms or images — see
/// <see cref="WindowRepresentation"/>): a fresh causal band-pass per recording, windows of
/// <see cref="WindowSamples"/> every <see cref="StepSamples"/> starting at sample 0, windows starting inside the
/// warm-up dropped, one label per window by the label rule (unlabelled windows dropped).
/// The streaming classifier makes its decisions at exactly these window ends.
/// </summary>
public sealed class FeatureWindowEncoder
{
    private readonly FeatureEncoderOptions _options;
    private readonly Sos _sos;
    private readonly int _classCount;

    public FeatureWindowEncoder(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        SampleRateHz = sampleRateHz;
        ChannelCount = channelCount;
        _classCount = classCount;
        _sos = options.DesignFilter(sampleRateHz);
        WindowSamples = SlidingWindows.SamplesFromMs(options.WindowMs, sampleRateHz);
        StepSamples = SlidingWindows.SamplesFromMs(options.StepMs, sampleRateHz);
        WarmupSamples = (int)Math.Round(options.WarmupMs * sampleRateHz / 1000.0);
        if (WindowSamples < 2)
            throw new SemgException($"window of {options.WindowMs} ms is under 2 samples at {sampleRateHz} Hz");
        if (StepSamples < 1)
            throw new SemgException($"step of {options.StepMs} ms is under 1 sample at {sampleRateHz} Hz");
        Representation = CreateRepresentation();
        FeatureCount = Representation.ValuesPerWindow;
    }

    /// <summary>What each window becomes (its shape and codes); for extraction on another thread use <see cref="CreateRepresentation"/>.</summary>
    public WindowRepresentation Representation { get; }

    /// <summary>A fresh representation of this path (plans and scratch of its own, for one thread).</summary>
    public WindowRepresentation CreateRepresentation() => WindowRepresentation.Create(_options, SampleRateHz, ChannelCount, WindowSamples);

    public double SampleRateHz { get; }

    public int ChannelCount { get; }

    public int WindowSamples { get; }

    /// <summary>K, the classes of the label rule.</summary>
    public int ClassCount => _classCount;

    public int StepSamples { get; }

    public int WarmupSamples { get; }

    /// <summary>Values per window row.</summary>
    public int FeatureCount { get; }

    /// <summary>CSV column names (see <see cref="WindowRepresentation.ColumnNames"/>).</summary>
    public IReadOnlyList<string> ColumnNames => Representation.ColumnNames;

    /// <summary>The band-pass in use (for reports and the streaming path).</summary>
    public Sos Filter => _sos;

    /// <summary>Encodes one recording; <paramref name="recordingIndex"/> is stored with each window.</summary>
    /// <param name="keepUnlabelled">Keep windows without a label (label <see cref="Recording.NoLabel"/>), e.g. for feature export.</param>
    public WindowedFeatures Encode(Recording recording, int recordingIndex, bool keepUnlabelled = false)
    {
        if (recording.ChannelCount != ChannelCount)
            throw new SemgException($"{recording.Metadata.Source}: {recording.ChannelCount} channels, the pipeline expects {ChannelCount}");
        if (recording.SampleRateHz != SampleRateHz)
            throw new SemgException($"{recording.Metadata.Source}: sampled at {recording.SampleRateHz} Hz, the pipeline expects {SampleRateHz} Hz");
        int n = recording.SampleCount;
        int windows = SlidingWindows.Count(n, WindowSamples, StepSamples);
        var filtered = ArrayPool<float>.Shared.Rent(recording.Samples.Length);
        try
        {
            var buffer = filtered.AsSpan(0, recording.Samples.Length);
            new MultiChannelSosFilter(_sos, ChannelCount).ProcessChannelMajor(recording.Samples, buffer);
            var rows = new float[windows * FeatureCount];
            var labels = new int[windows];
            Span<int> counts = stackalloc int[Math.Max(1, _classCount)];
            var representation = CreateRepresentation();
            int kept = 0;
            for (int w = 0; w < windows; w++)
            {
                int start = SlidingWindows.Start(w, StepSamples);
                if (start < WarmupSamples) continue;
                int label = WindowLabeler.Label(recording.Labels.Slice(start, WindowSamples), _options.LabelRule, _options.LabelPurity, counts);
                if (label == Recording.NoLabel && !keepUnlabelled) continue;
                var window = new MultiChannelWindow(buffer, ChannelCount, n, start, WindowSamples);
                representation.Extract(window, rows.AsSpan(kept * FeatureCount, FeatureCount));
                labels[kept++] = label;
            }
            var indices = new int[kept];
            Array.Fill(indices, recordingIndex);
            return new WindowedFeatures(rows[..(kept * FeatureCount)], labels[..kept], indices, kept, FeatureCount);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(filtered);
        }
    }

    /// <summary>Encodes several recordings in parallel (deterministic order). With a <paramref name="cache"/> (one per encoder
    /// and <paramref name="keepUnlabelled"/> setting, keyed by reference) each recording is encoded once however many lists
    /// it appears in: leave-one-subject-out folds share all but one subject's recordings.</summary>
    public WindowedFeatures EncodeAll(IReadOnlyList<Recording> recordings, CancellationToken cancellationToken = default, bool keepUnlabelled = false,
        ConcurrentDictionary<Recording, WindowedFeatures>? cache = null)
    {
        var parts = OrderedParallel.Map(recordings.Count,
            i => cache is null ? Encode(recordings[i], i, keepUnlabelled) : cache.GetOrAdd(recordings[i], r => Encode(r, 0, keepUnlabelled)),
            cancellationToken);
        return WindowedFeatures.Concat(parts, FeatureCount);
    }
}
