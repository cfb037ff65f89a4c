using SemgKit.Signal.Envelopes;

namespace SemgKit.Signal.Onsets;

/// <summary>
/// Hodges &amp; Bui (1996) style onset detection: the signal is full-wave rectified and low-passed (causal Butterworth,
/// <see cref="LinearEnvelope"/>), then a trailing moving average of <see cref="AverageSamples"/> is taken; the muscle is
/// on when that average exceeds baseline mean + h·sd (<see cref="Threshold"/>, usually <see cref="OnsetThreshold.FromBaseline"/>)
/// for ≥ <see cref="MinOnSamples"/> (m) consecutive samples, off after ≥ <see cref="MinOffSamples"/> at or below.
/// Onsets are where the above-threshold run starts in the averaged signal (which lags the raw signal by the filter
/// and about half the averaging window). Offline; immutable.
/// </summary>
public sealed class HodgesBuiDetector
{
    /// <summary>A detector; durations in samples, the low-pass as order and cutoff in Hz (Hodges &amp; Bui: 50 Hz).</summary>
    public HodgesBuiDetector(OnsetThreshold threshold, double sampleRateHz, int lowPassOrder, double lowPassCutoffHz, int averageSamples, int minOnSamples, int minOffSamples)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(averageSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOnSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOffSamples, 1);
        _ = new LinearEnvelope(lowPassOrder, lowPassCutoffHz, sampleRateHz); // validates the design
        Threshold = threshold;
        SampleRateHz = sampleRateHz;
        LowPassOrder = lowPassOrder;
        LowPassCutoffHz = lowPassCutoffHz;
        AverageSamples = averageSamples;
        MinOnSamples = minOnSamples;
        MinOffSamples = minOffSamples;
    }

    /// <summary>The global threshold rule (h = StandardDeviations).</summary>
    public OnsetThreshold Threshold { get; }

    /// <summary>fs.</summary>
    public double SampleRateHz { get; }

    /// <summary>Low-pass order.</summary>
    public int LowPassOrder { get; }

    /// <summary>Low-pass cutoff.</summary>
    public double LowPassCutoffHz { get; }

    /// <summary>Trailing moving-average length (zeros before the signal).</summary>
    public int AverageSamples { get; }

    /// <summary>m: minimum on duration.</summary>
    public int MinOnSamples { get; }

    /// <summary>Minimum off duration.</summary>
    public int MinOffSamples { get; }

    /// <summary>The detection signal (averaged linear envelope), same length as the signal.</summary>
    public void DetectionSignal(ReadOnlySpan<float> signal, Span<float> destination)
    {
        if (destination.Length < signal.Length)
            throw new ArgumentException($"The destination ({destination.Length}) is shorter than the signal ({signal.Length}).", nameof(destination));
        var envelope = new float[signal.Length];
        new LinearEnvelope(LowPassOrder, LowPassCutoffHz, SampleRateHz).Process(signal, envelope);
        var sum = 0.0;
        for (var i = 0; i < envelope.Length; i++)
        {
            sum += envelope[i];
            if (i >= AverageSamples)
                sum -= envelope[i - AverageSamples];
            destination[i] = (float)(sum / AverageSamples);
        }
    }

    /// <summary>The bursts of <paramref name="signal"/>, in time order.</summary>
    public IReadOnlyList<Burst> Detect(ReadOnlySpan<float> signal)
    {
        var d = new float[signal.Length];
        DetectionSignal(signal, d);
        return BurstFinder.Find(d, Threshold.Resolve(d), MinOnSamples, MinOffSamples);
    }
}
