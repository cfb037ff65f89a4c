namespace SemgKit.Signal.Transforms;

/// <summary>
/// Welch's averaged periodogram, matching <c>scipy.signal.welch(x, fs, window, nperseg, noverlap, nfft=None,
/// detrend, return_onesided=True, scaling, average='mean')</c>: segments of N = SegmentSamples starting every
/// N − overlap samples (only whole segments, (T − N) / step + 1 of them), each detrended, windowed and transformed;
/// power |X|² scaled by 1/(fs·Σw²) (density) or 1/(Σw)² (spectrum), bins other than DC (and Nyquist for even N)
/// doubled, then averaged. Unlike scipy, a signal shorter than one segment is an error rather than a shorter segment.
/// </summary>
public static class Welch
{
    /// <summary>The frequency of each bin, k·fs/N for k = 0..N/2 (scipy's <c>f</c>).</summary>
    public static double[] FrequenciesHz(int segmentSamples, double sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSamples, 1);
        var f = new double[segmentSamples / 2 + 1];
        for (var k = 0; k < f.Length; k++)
            f[k] = k * sampleRateHz / segmentSamples;
        return f;
    }

    /// <summary>The one-sided spectrum of <paramref name="signal"/> (N/2 + 1 values); see the class remarks.</summary>
    public static double[] PowerSpectralDensity(ReadOnlySpan<float> signal, double sampleRateHz, WelchOptions? options = null)
    {
        options ??= new WelchOptions();
        var result = new double[options.SegmentSamples / 2 + 1];
        PowerSpectralDensity(signal, sampleRateHz, options, result);
        return result;
    }

    /// <summary>Writes the one-sided spectrum of <paramref name="signal"/> (N/2 + 1 values) to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The signal is shorter than one segment, or the destination too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bad segment, overlap or sample rate.</exception>
    public static void PowerSpectralDensity(ReadOnlySpan<float> signal, double sampleRateHz, WelchOptions options, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be a positive finite number of Hz.");
        var n = options.SegmentSamples;
        var overlap = options.OverlapSamples ?? n / 2;
        SegmentAnalyzer.CheckSegments(n, overlap);
        if (signal.Length < n)
            throw new ArgumentException($"The signal has {signal.Length} samples, fewer than one {n}-sample segment.", nameof(signal));
        var analyzer = new SegmentAnalyzer(options.Window, n);
        if (destination.Length < analyzer.BinCount)
            throw new ArgumentException($"The destination has {destination.Length} values; {analyzer.BinCount} bins are needed.", nameof(destination));
        Average(analyzer, signal, sampleRateHz, overlap, options.Detrend, options.Scaling, destination);
    }

    /// <summary>
    /// The averaging itself, with a caller-held <paramref name="analyzer"/> (segment length, window, FFT plan) so repeated
    /// calls allocate nothing; arguments already checked. Writes <see cref="SegmentAnalyzer.BinCount"/> values.
    /// </summary>
    internal static void Average(SegmentAnalyzer analyzer, ReadOnlySpan<float> signal, double sampleRateHz, int overlapSamples, Detrend detrend, SpectralScaling scaling, Span<double> destination)
    {
        var bins = analyzer.BinCount;
        var step = analyzer.SegmentSamples - overlapSamples;
        var segments = (signal.Length - analyzer.SegmentSamples) / step + 1;
        var d = destination[..bins];
        d.Clear();
        for (var s = 0; s < segments; s++)
        {
            analyzer.Transform(signal, s * step, detrend);
            for (var k = 0; k < bins; k++)
            {
                var z = analyzer.Bins[k];
                d[k] += z.Real * z.Real + z.Imaginary * z.Imaginary;
            }
        }
        var scale = analyzer.PowerScale(scaling, sampleRateHz) / segments;
        for (var k = 0; k < bins; k++)
            d[k] *= analyzer.Doubled(k) ? 2 * scale : scale;
    }
}
