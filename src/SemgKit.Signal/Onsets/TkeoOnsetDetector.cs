namespace SemgKit.Signal.Onsets;

/// <summary>
/// Single-threshold onset/offset detection on the TKEO (Li, Zhou &amp; Aruin 2007; one global threshold per recording as
/// in the muscle-classification paper): ψ = <see cref="Tkeo.Apply"/>(x), rectified |ψ|, smoothed by a centred moving
/// average of <see cref="SmoothingSamples"/> (1 = none; zeros outside the signal), compared with one
/// <see cref="OnsetThreshold"/> resolved on that smoothed signal. On after ≥ <see cref="MinOnSamples"/> consecutive samples
/// above, off after ≥ <see cref="MinOffSamples"/> at or below. Offline (whole recording); immutable.
/// </summary>
public sealed class TkeoOnsetDetector
{
    /// <summary>A detector; durations in samples.</summary>
    public TkeoOnsetDetector(OnsetThreshold threshold, int smoothingSamples, int minOnSamples, int minOffSamples)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(smoothingSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOnSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOffSamples, 1);
        Threshold = threshold;
        SmoothingSamples = smoothingSamples;
        MinOnSamples = minOnSamples;
        MinOffSamples = minOffSamples;
    }

    /// <summary>The global threshold rule.</summary>
    public OnsetThreshold Threshold { get; }

    /// <summary>Centred moving-average length applied to |ψ|.</summary>
    public int SmoothingSamples { get; }

    /// <summary>Minimum on duration.</summary>
    public int MinOnSamples { get; }

    /// <summary>Minimum off duration.</summary>
    public int MinOffSamples { get; }

    /// <summary>The detection signal: smoothed |ψ| (written to <paramref name="destination"/>, same length as the signal).</summary>
    public void DetectionSignal(ReadOnlySpan<float> signal, Span<float> destination)
    {
        if (destination.Length < signal.Length)
            throw new ArgumentException($"The destination ({destination.Length}) is shorter than the signal ({signal.Length}).", nameof(destination));
        var psi = new float[signal.Length];
        Tkeo.Apply(signal, psi);
        for (var i = 0; i < psi.Length; i++)
            psi[i] = MathF.Abs(psi[i]);
        CenteredMean(psi, SmoothingSamples, destination[..signal.Length]);
    }

    /// <summary>The bursts of <paramref name="signal"/>, in time order.</summary>
    public IReadOnlyList<Burst> Detect(ReadOnlySpan<float> signal)
    {
        var d = new float[signal.Length];
        DetectionSignal(signal, d);
        return BurstFinder.Find(d, Threshold.Resolve(d), MinOnSamples, MinOffSamples);
    }

    internal static void CenteredMean(ReadOnlySpan<float> x, int length, Span<float> y)
    {
        var before = (length - 1) / 2;
        var prefix = new double[x.Length + 1];
        for (var i = 0; i < x.Length; i++)
            prefix[i + 1] = prefix[i] + x[i];
        for (var i = 0; i < x.Length; i++)
        {
            var lo = Math.Max(0, i - before);
            var hi = Math.Min(x.Length, i - before + length);
            y[i] = (float)((prefix[hi] - prefix[lo]) / length);
        }
    }
}
