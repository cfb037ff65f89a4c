namespace SemgKit.Signal.Onsets;

/// <summary>
/// One global threshold for a whole recording: a fixed value, or mean + k·sd (population sd) of the detection
/// signal over a baseline (rest) segment [BaselineStartSample, BaselineStartSample + BaselineLengthSamples).
/// </summary>
public sealed record OnsetThreshold
{
    private OnsetThreshold() { }

    /// <summary>The fixed value, when not from a baseline.</summary>
    public double? FixedValue { get; private init; }

    /// <summary>First sample of the baseline segment.</summary>
    public int BaselineStartSample { get; private init; }

    /// <summary>Length of the baseline segment.</summary>
    public int BaselineLengthSamples { get; private init; }

    /// <summary>k (or h in Hodges &amp; Bui): how many baseline standard deviations above the baseline mean.</summary>
    public double StandardDeviations { get; private init; }

    /// <summary>A fixed threshold in the detection signal's units.</summary>
    public static OnsetThreshold Fixed(double value) => double.IsFinite(value)
        ? new OnsetThreshold { FixedValue = value }
        : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold must be finite.");

    /// <summary>mean + k·sd of the detection signal over the baseline segment.</summary>
    public static OnsetThreshold FromBaseline(int startSample, int lengthSamples, double standardDeviations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startSample);
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        return new OnsetThreshold { BaselineStartSample = startSample, BaselineLengthSamples = lengthSamples, StandardDeviations = standardDeviations };
    }

    /// <summary>The threshold for <paramref name="detectionSignal"/>.</summary>
    /// <exception cref="ArgumentException">The baseline segment runs past the signal.</exception>
    public double Resolve(ReadOnlySpan<float> detectionSignal)
    {
        if (FixedValue is { } v)
            return v;
        if ((long)BaselineStartSample + BaselineLengthSamples > detectionSignal.Length)
            throw new ArgumentException($"The baseline [{BaselineStartSample}, {BaselineStartSample + BaselineLengthSamples}) runs past the {detectionSignal.Length}-sample signal.", nameof(detectionSignal));
        var b = detectionSignal.Slice(BaselineStartSample, BaselineLengthSamples);
        var mean = 0.0;
        foreach (var x in b)
            mean += x;
        mean /= b.Length;
        var ss = 0.0;
        foreach (var x in b)
            ss += (x - mean) * (x - mean);
        return mean + StandardDeviations * Math.Sqrt(ss / b.Length);
    }
}
