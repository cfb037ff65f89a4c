namespace SemgKit.Pipeline.Data;

/// <summary>
/// One continuous multi-channel sEMG recording: channel-major float samples, a sample rate,
/// channel names and units, a class label per sample and metadata.
/// </summary>
/// <remarks>
/// Layout: <c>Samples[c * SampleCount + t]</c> is channel <c>c</c> at sample <c>t</c> (channel-major).
/// Devices and CSV files are frame-major; readers convert once, at the edge
/// (<see cref="FromFrameMajor"/>). Labels index <see cref="Dataset.ClassNames"/> of the dataset
/// the recording belongs to; <see cref="NoLabel"/> marks samples with no class.
/// Instances are immutable by convention: readers hand over their arrays and keep no reference.
/// </remarks>
public sealed class Recording
{
    /// <summary>Label value of a sample that belongs to no class (unlabelled, transition).</summary>
    public const int NoLabel = -1;

    private readonly float[] _samples;
    private readonly int[] _labels;

    /// <param name="samples">Channel-major samples, length <c>channelNames.Count * sampleCount</c>.</param>
    /// <param name="sampleRateHz">Sampling rate in Hz, finite and positive.</param>
    /// <param name="channelNames">One name per channel.</param>
    /// <param name="labels">One class index per sample (or <see cref="NoLabel"/>).</param>
    /// <param name="metadata">Subject, session, trial, group and source.</param>
    /// <param name="channelUnits">One unit per channel (e.g. "mV", "a.u."); null means "a.u." for all.</param>
    public Recording(
        float[] samples,
        double sampleRateHz,
        IReadOnlyList<string> channelNames,
        int[] labels,
        RecordingMetadata metadata,
        IReadOnlyList<string>? channelUnits = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(channelNames);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(metadata);
        if (channelNames.Count == 0)
            throw new ArgumentException("A recording needs at least one channel.", nameof(channelNames));
        if (!(sampleRateHz > 0) || double.IsInfinity(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "Sample rate must be finite and positive.");
        if (samples.Length % channelNames.Count != 0)
            throw new ArgumentException($"{samples.Length} samples do not divide into {channelNames.Count} channels.", nameof(samples));
        int sampleCount = samples.Length / channelNames.Count;
        if (labels.Length != sampleCount)
            throw new ArgumentException($"{labels.Length} labels for {sampleCount} samples.", nameof(labels));
        if (channelUnits is not null && channelUnits.Count != channelNames.Count)
            throw new ArgumentException($"{channelUnits.Count} units for {channelNames.Count} channels.", nameof(channelUnits));

        _samples = samples;
        _labels = labels;
        SampleRateHz = sampleRateHz;
        ChannelNames = channelNames;
        ChannelUnits = channelUnits ?? Enumerable.Repeat("a.u.", channelNames.Count).ToArray();
        Metadata = metadata;
        SampleCount = sampleCount;
    }

    public double SampleRateHz { get; }

    public IReadOnlyList<string> ChannelNames { get; }

    public IReadOnlyList<string> ChannelUnits { get; }

    public RecordingMetadata Metadata { get; }

    public int ChannelCount => ChannelNames.Count;

    /// <summary>Samples per channel.</summary>
    public int SampleCount { get; }

    public double DurationSeconds => SampleCount / SampleRateHz;

    /// <summary>All samples, channel-major (<c>[c * SampleCount + t]</c>).</summary>
    public ReadOnlySpan<float> Samples => _samples;

    /// <summary>One class index per sample; <see cref="NoLabel"/> where unlabelled.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The samples of channel <paramref name="channel"/>.</summary>
    public ReadOnlySpan<float> Channel(int channel) => _samples.AsSpan(channel * SampleCount, SampleCount);

    /// <summary>The samples of channel <paramref name="channel"/> as memory (for APIs that keep a reference).</summary>
    public ReadOnlyMemory<float> ChannelMemory(int channel) => _samples.AsMemory(channel * SampleCount, SampleCount);

    /// <summary>Sample <paramref name="t"/> of channel <paramref name="channel"/>.</summary>
    public float this[int channel, int t] => _samples[channel * SampleCount + t];

    /// <summary>A copy of this recording with other metadata (the sample arrays are shared; both are immutable).</summary>
    public Recording WithMetadata(RecordingMetadata metadata) =>
        new(_samples, SampleRateHz, ChannelNames, _labels, metadata, ChannelUnits);

    /// <summary>A copy of this recording with other labels (the sample array is shared).</summary>
    public Recording WithLabels(int[] labels) =>
        new(_samples, SampleRateHz, ChannelNames, labels, Metadata, ChannelUnits);

    /// <summary>Samples <c>[start, start + count)</c> of every channel, labels and metadata kept.</summary>
    public Recording Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > SampleCount)
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice [{start}, {start + count}) exceeds {SampleCount} samples.");
        var samples = new float[ChannelCount * count];
        for (int c = 0; c < ChannelCount; c++)
            Channel(c).Slice(start, count).CopyTo(samples.AsSpan(c * count, count));
        return new Recording(samples, SampleRateHz, ChannelNames, _labels.AsSpan(start, count).ToArray(), Metadata, ChannelUnits);
    }

    /// <summary>The samples frame-major (<c>[t * ChannelCount + c]</c>), as a device would send them.</summary>
    public float[] ToFrameMajor()
    {
        var frames = new float[_samples.Length];
        for (int c = 0; c < ChannelCount; c++)
        {
            var channel = Channel(c);
            for (int t = 0; t < channel.Length; t++)
                frames[t * ChannelCount + c] = channel[t];
        }
        return frames;
    }

    /// <summary>
    /// Builds a recording from frame-major samples (<c>frames[t * channels + c]</c>), the layout of devices and CSV files.
    /// </summary>
    public static Recording FromFrameMajor(
        ReadOnlySpan<float> frames,
        double sampleRateHz,
        IReadOnlyList<string> channelNames,
        int[] labels,
        RecordingMetadata metadata,
        IReadOnlyList<string>? channelUnits = null)
    {
        int channels = channelNames.Count;
        if (channels == 0 || frames.Length % channels != 0)
            throw new ArgumentException($"{frames.Length} values do not divide into {channels} channels.", nameof(frames));
        int count = frames.Length / channels;
        var samples = new float[frames.Length];
        for (int t = 0; t < count; t++)
        {
            var frame = frames.Slice(t * channels, channels);
            for (int c = 0; c < channels; c++)
                samples[c * count + t] = frame[c];
        }
        return new Recording(samples, sampleRateHz, channelNames, labels, metadata, channelUnits);
    }

    /// <summary>All labels set to <paramref name="label"/>, for recordings that hold one movement throughout.</summary>
    public static int[] ConstantLabels(int sampleCount, int label)
    {
        var labels = new int[sampleCount];
        Array.Fill(labels, label);
        return labels;
    }

    public override string ToString() =>
        $"{Metadata.Source} ({ChannelCount} ch × {SampleCount} samples @ {SampleRateHz.ToString(System.Globalization.CultureInfo.InvariantCulture)} Hz)";
}
