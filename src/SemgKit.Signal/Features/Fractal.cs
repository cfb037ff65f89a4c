namespace SemgKit.Signal.Features;

/// <summary>Fractal-dimension kernels (BioPatRec's HFD and KFD; Ortiz-Catalan, Brånemark, Håkansson 2013).</summary>
public static class Fractal
{
    /// <summary>
    /// Higuchi fractal dimension (T. Higuchi, "Approach to an irregular time series on the basis of the fractal theory",
    /// Physica D 31, 1988): for k = 1..kMax and m = 0..k−1, L_m(k) = (Σ_{i=1}^{⌊(N−1−m)/k⌋} |x_{m+ik} − x_{m+(i−1)k}|) ·
    /// (N−1) / (⌊(N−1−m)/k⌋ · k) / k; L(k) is the mean over m, and HFD is the least-squares slope of ln L(k) against ln(1/k).
    /// Needs kMax ≥ 2 and N &gt; 2·kMax.
    /// </summary>
    public static float HiguchiDimension(ReadOnlySpan<float> x, int kMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kMax, 2);
        if (x.Length <= 2 * kMax)
            throw new ArgumentException($"HFD with kMax = {kMax} needs more than {2 * kMax} samples; got {x.Length}.", nameof(x));
        var n = x.Length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var k = 1; k <= kMax; k++)
        {
            double lk = 0;
            for (var m = 0; m < k; m++)
            {
                var count = (n - 1 - m) / k;
                double length = 0;
                for (var i = 1; i <= count; i++)
                    length += Math.Abs((double)x[m + i * k] - x[m + (i - 1) * k]);
                lk += length * (n - 1) / ((double)count * k) / k;
            }
            lk /= k;
            double u = Math.Log(1.0 / k), v = Math.Log(lk);
            sx += u;
            sy += v;
            sxx += u * u;
            sxy += u * v;
        }
        return (float)((kMax * sxy - sx * sy) / (kMax * sxx - sx * sx));
    }

    /// <summary>
    /// Katz fractal dimension (M. J. Katz, "Fractals and the analysis of waveforms", Comput. Biol. Med. 18(3), 1988) with
    /// amplitude distances: L = Σ |xᵢ₊₁ − xᵢ| (curve length), d = maxᵢ |xᵢ − x₀| (extent), n = N − 1 (steps);
    /// KFD = log₁₀ n / (log₁₀ n + log₁₀(d/L)). Needs N ≥ 2; a flat window gives 1.
    /// </summary>
    public static float KatzDimension(ReadOnlySpan<float> x)
    {
        TimeDomain.AtLeast(x, 2, "KFD");
        double length = 0, extent = 0;
        for (var i = 1; i < x.Length; i++)
        {
            length += Math.Abs((double)x[i] - x[i - 1]);
            extent = Math.Max(extent, Math.Abs((double)x[i] - x[0]));
        }
        if (length == 0)
            return 1;
        var logN = Math.Log10(x.Length - 1);
        return (float)(logN / (logN + Math.Log10(extent / length)));
    }
}
