namespace SemgKit.Signal.Windows;

/// <summary>
/// Arithmetic of sliding windows over T samples: window k covers samples
/// <c>[k·StepSamples, k·StepSamples + LengthSamples)</c>; only whole windows count (no padding), so
/// the count is <c>floor((T − LengthSamples) / StepSamples) + 1</c> when T ≥ LengthSamples, else 0.
/// </summary>
public static class SlidingWindows
{
    /// <summary>The number of whole windows in <paramref name="sampleCount"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">sampleCount &lt; 0, or lengthSamples or stepSamples &lt; 1.</exception>
    public static int Count(int sampleCount, int lengthSamples, int stepSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSamples, 1);
        return sampleCount < lengthSamples ? 0 : (sampleCount - lengthSamples) / stepSamples + 1;
    }

    /// <summary>The first sample of window <paramref name="windowIndex"/>: windowIndex · stepSamples.</summary>
    public static int Start(int windowIndex, int stepSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSamples, 1);
        return checked(windowIndex * stepSamples);
    }

    /// <summary>
    /// The number of samples in <paramref name="ms"/> milliseconds at <paramref name="sampleRateHz"/>:
    /// ms · sampleRateHz / 1000 rounded to the nearest integer, halves away from zero (so 2.5 → 3),
    /// after snapping values within 1e-9 of an integer to it (so 0.1 s at 30 Hz is 3, not a rounding accident).
    /// E.g. 200 ms at 1000 Hz → 200; 150 ms at 200 Hz → 30; 12.5 ms at 200 Hz → 3.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be below 1 sample, or the inputs are not positive and finite.</exception>
    public static int SamplesFromMs(double ms, double sampleRateHz)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"The sample rate must be a positive finite number of Hz; got {sampleRateHz} Hz.");
        if (!(ms > 0) || !double.IsFinite(ms))
            throw new ArgumentOutOfRangeException(nameof(ms), ms, $"The duration must be a positive finite number of ms; got {ms} ms.");
        var exact = ms * sampleRateHz / 1000.0;
        var nearest = Math.Round(exact);
        if (Math.Abs(exact - nearest) > 1e-9 * Math.Max(1, nearest))
            nearest = Math.Round(exact, MidpointRounding.AwayFromZero);
        if (nearest < 1)
            throw new ArgumentOutOfRangeException(nameof(ms), ms, $"{ms} ms at {sampleRateHz} Hz is less than one sample ({exact:G4} samples).");
        if (nearest > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(ms), ms, $"{ms} ms at {sampleRateHz} Hz is too many samples.");
        return (int)nearest;
    }
}
