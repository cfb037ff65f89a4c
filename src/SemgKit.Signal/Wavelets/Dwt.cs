using System.Buffers;

namespace SemgKit.Signal.Wavelets;

/// <summary>
/// The discrete wavelet transform as <c>pywt.dwt</c> / <c>pywt.wavedec</c> with pywt's default
/// <c>mode='symmetric'</c> (half-sample symmetric extension, x[−1−i] = x[i], x[N+i] = x[N−1−i], repeated for
/// short signals): with filter h of length L, cA[o] = Σⱼ dec_lo[j]·x̃[2o + 1 − j] and cD likewise with dec_hi,
/// for o = 0 .. ⌊(N + L − 1)/2⌋ − 1. In double.
/// </summary>
public static class Dwt
{
    /// <summary>⌊(N + L − 1)/2⌋, the length of each output of one level (pywt <c>dwt_coeff_len</c>, symmetric mode).</summary>
    public static int OutputLength(int inputSamples, Wavelet wavelet)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSamples, 1);
        return (inputSamples + wavelet.FilterLength - 1) / 2;
    }

    /// <summary>pywt <c>dwt_max_level(N, L)</c>: ⌊log2(N/(L−1))⌋, or 0 when N &lt; L − 1.</summary>
    public static int MaxLevel(int inputSamples, Wavelet wavelet)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        var l1 = wavelet.FilterLength - 1;
        if (l1 < 1 || inputSamples < l1)
            return 0;
        var level = 0;
        while ((long)l1 << (level + 1) <= inputSamples)
            level++;
        return level;
    }

    /// <summary>One level (pywt.dwt): writes <see cref="OutputLength"/> approximation and detail coefficients.</summary>
    /// <exception cref="ArgumentException">x is empty or a destination is too short.</exception>
    public static void Decompose(ReadOnlySpan<double> x, Wavelet wavelet, Span<double> approximation, Span<double> detail)
    {
        var m = OutputLength(x.Length, wavelet);
        if (approximation.Length < m || detail.Length < m)
            throw new ArgumentException($"Each output needs {m} values for {x.Length} samples and {wavelet.Name}.", approximation.Length < m ? nameof(approximation) : nameof(detail));
        Convolve(x, wavelet.DecompositionLowPass, wavelet.DecompositionHighPass, approximation[..m], detail[..m]);
    }

    /// <summary>The coefficient lengths of a <paramref name="level"/>-level decomposition in pywt order [cA_n, cD_n, …, cD_1].</summary>
    public static int[] CoefficientLengths(int inputSamples, Wavelet wavelet, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        var lengths = new int[level + 1];
        FillCoefficientLengths(inputSamples, wavelet, level, lengths);
        return lengths;
    }

    /// <summary>Writes the level + 1 coefficient lengths (pywt order) to <paramref name="lengths"/> and returns their sum.</summary>
    internal static int FillCoefficientLengths(int inputSamples, Wavelet wavelet, int level, Span<int> lengths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 64);
        var n = inputSamples;
        var total = 0;
        for (var l = 1; l <= level; l++)
        {
            n = OutputLength(n, wavelet);
            lengths[level + 1 - l] = n; // cD_l
            total += n;
        }
        lengths[0] = n;
        return total + n;
    }

    /// <summary>
    /// Multilevel decomposition (pywt.wavedec, symmetric mode) to <paramref name="level"/> levels (null: <see cref="MaxLevel"/>,
    /// at least 1); returns [cA_n, cD_n, …, cD_1]. Like pywt, a level above MaxLevel is allowed (every coefficient then
    /// sees the boundary).
    /// </summary>
    public static double[][] WaveDec(ReadOnlySpan<double> x, Wavelet wavelet, int? level = null)
    {
        var lv = level ?? Math.Max(1, MaxLevel(x.Length, wavelet));
        var lengths = CoefficientLengths(x.Length, wavelet, lv);
        var flat = new double[lengths.Sum()];
        WaveDec(x, wavelet, lv, flat);
        var result = new double[lengths.Length][];
        var offset = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            result[i] = flat.AsSpan(offset, lengths[i]).ToArray();
            offset += lengths[i];
        }
        return result;
    }

    /// <summary>
    /// Multilevel decomposition into <paramref name="destination"/>: the arrays of pywt.wavedec concatenated in its
    /// order [cA_n, cD_n, …, cD_1] (lengths from <see cref="CoefficientLengths"/>). Allocates nothing (pooled scratch).
    /// </summary>
    public static void WaveDec(ReadOnlySpan<double> x, Wavelet wavelet, int level, Span<double> destination)
    {
        Span<int> lengths = stackalloc int[Math.Clamp(level + 1, 2, 65)];
        var total = FillCoefficientLengths(x.Length, wavelet, level, lengths);
        if (destination.Length < total)
            throw new ArgumentException($"The destination has {destination.Length} values; {total} are needed.", nameof(destination));
        var scratch = ThreadScratch.Doubles(ThreadScratch.DwtLevel, 2 * Math.Max(x.Length, wavelet.FilterLength));
        var half = scratch.Length / 2;
        var current = scratch.AsSpan(0, x.Length);
        x.CopyTo(current);
        var end = total;
        var useFirst = false;
        for (var l = 1; l <= level; l++)
        {
            var m = OutputLength(current.Length, wavelet);
            end -= m;
            var approx = scratch.AsSpan(useFirst ? 0 : half, m);
            Decompose(current, wavelet, approx, destination.Slice(end, m));
            current = approx;
            useFirst = !useFirst;
        }
        current.CopyTo(destination);
    }

    internal static void Convolve(ReadOnlySpan<double> x, ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, Span<double> a, Span<double> d)
    {
        var n = x.Length;
        var f = lo.Length;
        for (var o = 0; o < a.Length; o++)
        {
            var i = 2 * o + 1;
            double sa = 0, sd = 0;
            if (i - (f - 1) >= 0 && i < n)
            {
                for (var j = 0; j < f; j++)
                {
                    var v = x[i - j];
                    sa += lo[j] * v;
                    sd += hi[j] * v;
                }
            }
            else
            {
                for (var j = 0; j < f; j++)
                {
                    var v = x[Symmetric(i - j, n)];
                    sa += lo[j] * v;
                    sd += hi[j] * v;
                }
            }
            a[o] = sa;
            d[o] = sd;
        }
    }

    private static int Symmetric(int index, int n)
    {
        var period = 2 * n;
        var r = index % period;
        if (r < 0)
            r += period;
        return r < n ? r : period - 1 - r;
    }
}
