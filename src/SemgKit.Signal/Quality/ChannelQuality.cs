using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace SemgKit.Signal.Quality;

/// <summary>
/// Quick per-channel checks for a recording: level, non-finite samples, clipping, flat lines and power-line
/// interference. Rules:
/// <list type="bullet">
/// <item><b>Clipping</b>, with <c>clipLevel</c> given: the fraction of samples with |x| ≥ clipLevel·(1 − 0.001).
/// Without it: a sample is "at the top" if x ≥ max − 0.001·(max − min) and "at the bottom" if
/// x ≤ min + 0.001·(max − min); each extreme counts only if at least 0.5 % of the samples sit there, and
/// ClippedFraction is the sum of the counted extremes. A constant channel has ClippedFraction 0 (it is a
/// flat line). Caveat: a pure, unclipped sine has about 2 % of its samples within 0.1 % of its peaks, so it
/// is reported as clipped; EMG, being noise-like and peaky, is not.</item>
/// <item><b>Flat line</b>: the fraction of samples in runs of identical consecutive values at least
/// max(2, ⌈0.05·sampleRateHz⌉) samples (50 ms) long. NaN never equals anything, so NaN runs are not flat.</item>
/// <item><b>Power line</b>: a Welch averaged periodogram — periodic Hann window, 1-s segments
/// (round(sampleRateHz) samples, so bins are ~1 Hz apart), 50 % overlap, mean removed per segment; a signal
/// shorter than 1 s is one zero-padded segment; non-finite samples count as 0. The ratio is the power in bins
/// within ±1 Hz of h·mains (h = 1, 2, … while h·mains ≤ min(500 Hz, Nyquist)) divided by the power in bins
/// from 20 Hz to min(500 Hz, Nyquist). NaN when that band is empty or holds no power.</item>
/// </list>
/// </summary>
public static class ChannelQuality
{
    private const double BandLowHz = 20;
    private const double BandHighHz = 500;
    private const double MainsHalfWidthHz = 1;

    /// <summary>Measures one channel sampled at <paramref name="sampleRateHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">sampleRateHz is not positive and finite, or clipLevel is not positive.</exception>
    public static ChannelQualityReport Measure(ReadOnlySpan<float> x, double sampleRateHz, double? clipLevel = null)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"The sample rate must be a positive finite number of Hz; got {sampleRateHz} Hz.");
        if (clipLevel is { } level && !(level > 0 && double.IsFinite(level)))
            throw new ArgumentOutOfRangeException(nameof(clipLevel), clipLevel, "The clip level must be positive and finite.");

        var nonFinite = 0;
        double sum = 0, sumSq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in x)
        {
            if (!float.IsFinite(v))
            {
                nonFinite++;
                continue;
            }
            sum += v;
            sumSq += (double)v * v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var finite = x.Length - nonFinite;
        double mean = double.NaN, rms = double.NaN;
        if (finite > 0)
        {
            mean = sum / finite;
            rms = Math.Sqrt(sumSq / finite);
        }
        else
        {
            min = max = double.NaN;
        }

        var (ratio50, ratio60) = PowerLineRatios(x, sampleRateHz);
        return new ChannelQualityReport(
            rms, mean, min, max, nonFinite,
            ClippedFraction(x, min, max, clipLevel),
            FlatLineFraction(x, sampleRateHz),
            ratio50, ratio60);
    }

    private static double ClippedFraction(ReadOnlySpan<float> x, double min, double max, double? clipLevel)
    {
        if (x.IsEmpty)
            return 0;
        if (clipLevel is { } level)
        {
            var limit = level * (1 - 0.001);
            var clipped = 0;
            foreach (var v in x)
            {
                if (Math.Abs(v) >= limit)
                    clipped++;
            }
            return (double)clipped / x.Length;
        }
        var range = max - min;
        if (!(range > 0))
            return 0;
        int top = 0, bottom = 0;
        foreach (var v in x)
        {
            if (!float.IsFinite(v))
                continue;
            if (v >= max - 0.001 * range)
                top++;
            else if (v <= min + 0.001 * range)
                bottom++;
        }
        var gate = 0.005 * x.Length;
        var counted = (top >= gate ? top : 0) + (bottom >= gate ? bottom : 0);
        return (double)counted / x.Length;
    }

    private static double FlatLineFraction(ReadOnlySpan<float> x, double sampleRateHz)
    {
        if (x.IsEmpty)
            return 0;
        var minRun = Math.Max(2, (int)Math.Ceiling(0.05 * sampleRateHz - 1e-9));
        long flat = 0;
        var runStart = 0;
        for (var i = 1; i <= x.Length; i++)
        {
            if (i < x.Length && x[i] == x[i - 1])
                continue;
            var run = i - runStart;
            if (run >= minRun)
                flat += run;
            runStart = i;
        }
        return (double)flat / x.Length;
    }

    private static (double Ratio50, double Ratio60) PowerLineRatios(ReadOnlySpan<float> x, double sampleRateHz)
    {
        var nyquist = sampleRateHz / 2;
        var high = Math.Min(BandHighHz, nyquist);
        if (x.Length < 2 || high < BandLowHz)
            return (double.NaN, double.NaN);
        var segment = Math.Max(2, (int)Math.Round(sampleRateHz));
        var power = new double[segment / 2 + 1];
        var window = new double[segment];
        for (var i = 0; i < segment; i++)
            window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / segment);
        var buffer = new Complex[segment];
        var hop = segment / 2;
        var starts = x.Length <= segment ? 1 : (x.Length - segment) / hop + 1;
        for (var s = 0; s < starts; s++)
        {
            var start = s * hop;
            var n = Math.Min(segment, x.Length - start);
            double segMean = 0;
            for (var i = 0; i < n; i++)
                segMean += Finite(x[start + i]);
            segMean /= n;
            for (var i = 0; i < segment; i++)
                buffer[i] = i < n ? new Complex((Finite(x[start + i]) - segMean) * window[i], 0) : Complex.Zero;
            Fourier.Forward(buffer, FourierOptions.NoScaling);
            for (var k = 0; k < power.Length; k++)
                power[k] += buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary;
        }
        var binHz = sampleRateHz / segment;
        double total = 0, p50 = 0, p60 = 0;
        for (var k = 0; k < power.Length; k++)
        {
            var f = k * binHz;
            if (f < BandLowHz || f > high)
                continue;
            total += power[k];
            if (NearHarmonic(f, 50, high))
                p50 += power[k];
            if (NearHarmonic(f, 60, high))
                p60 += power[k];
        }
        return total > 0 ? (p50 / total, p60 / total) : (double.NaN, double.NaN);
    }

    private static bool NearHarmonic(double f, double mainsHz, double highHz)
    {
        var h = Math.Max(1, Math.Round(f / mainsHz));
        return h * mainsHz <= highHz + 1e-9 && Math.Abs(f - h * mainsHz) <= MainsHalfWidthHz + 1e-9;
    }

    private static double Finite(float v) => float.IsFinite(v) ? v : 0;
}
