using System.Numerics;
using System.Numerics.Tensors;

namespace SemgKit.Signal.Features;

/// <summary>
/// Time-domain sEMG feature kernels over one channel's window x[0..N). Pure functions; thresholds are
/// explicit. References: B. Hudgins, P. Parker, R. N. Scott, "A new strategy for multifunction myoelectric
/// control", IEEE Trans. Biomed. Eng. 40(1), 1993 (MAV, ZC, SSC, WL); A. Phinyomark, P. Phukpattaranont,
/// C. Limsakul, "Feature reduction and selection for EMG signal classification", Expert Systems with
/// Applications 39(8), 2012 (RMS, VAR and the definitions used here).
/// More kernels follow LibEMG's definitions (Campbell et al., "LibEMG: An Open Source Library to Facilitate the
/// Exploration of Myoelectric Control", IEEE Access 11, 2023), each noted where it departs from the original paper.
/// </summary>
public static class TimeDomain
{
    /// <summary>Mean absolute value, MAV = (1/N) Σ |xᵢ| (Hudgins 1993).</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static float MeanAbsoluteValue(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        return TensorPrimitives.SumOfMagnitudes(x) / x.Length;
    }

    /// <summary>Root mean square, RMS = √((1/N) Σ xᵢ²) (Phinyomark 2012).</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static float RootMeanSquare(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        return MathF.Sqrt(TensorPrimitives.SumOfSquares(x) / x.Length);
    }

    /// <summary>
    /// Variance of EMG as defined by Phinyomark 2012, VAR = (1/(N−1)) Σ xᵢ²: the signal is taken as zero-mean
    /// (no mean is subtracted) and the divisor is N − 1. LibEMG's MATLAB reference divides by N instead.
    /// </summary>
    /// <exception cref="ArgumentException">x has fewer than 2 samples.</exception>
    public static float Variance(ReadOnlySpan<float> x)
    {
        if (x.Length < 2)
            throw new ArgumentException($"VAR needs at least 2 samples; got {x.Length}.", nameof(x));
        return TensorPrimitives.SumOfSquares(x) / (x.Length - 1);
    }

    /// <summary>Waveform length, WL = Σᵢ₌₀^{N−2} |xᵢ₊₁ − xᵢ| (Hudgins 1993). 0 for N &lt; 2.</summary>
    public static float WaveformLength(ReadOnlySpan<float> x)
    {
        var n = x.Length - 1;
        if (n <= 0)
            return 0;
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                acc += Vector.Abs(new Vector<float>(x[(i + 1)..]) - new Vector<float>(x[i..]));
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
            sum += MathF.Abs(x[i + 1] - x[i]);
        return sum;
    }

    /// <summary>
    /// Zero crossings (Hudgins 1993): the number of i in 0..N−2 where the sign changes strictly
    /// (xᵢ &gt; 0 and xᵢ₊₁ &lt; 0, or xᵢ &lt; 0 and xᵢ₊₁ &gt; 0 — i.e. xᵢ·xᵢ₊₁ &lt; 0 without underflow, so a sample
    /// at exactly 0 is not a crossing) AND |xᵢ − xᵢ₊₁| ≥ <paramref name="thresholdAbs"/>.
    /// This is also LibEMG's convention; with threshold 0 it matches LibEMG's MATLAB reference.
    /// </summary>
    public static int ZeroCrossings(ReadOnlySpan<float> x, float thresholdAbs)
    {
        var n = x.Length - 1;
        if (n <= 0)
            return 0;
        var i = 0;
        var count = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var t = new Vector<float>(thresholdAbs);
            var acc = Vector<int>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var a = new Vector<float>(x[i..]);
                var b = new Vector<float>(x[(i + 1)..]);
                var zero = Vector<float>.Zero;
                var sign = (Vector.GreaterThan(a, zero) & Vector.LessThan(b, zero)) | (Vector.LessThan(a, zero) & Vector.GreaterThan(b, zero));
                var big = Vector.GreaterThanOrEqual(Vector.Abs(a - b), t);
                acc -= sign & big; // true lanes are −1
            }
            count = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            float a = x[i], b = x[i + 1];
            if (((a > 0 && b < 0) || (a < 0 && b > 0)) && MathF.Abs(a - b) >= thresholdAbs)
                count++;
        }
        return count;
    }

    /// <summary>
    /// Slope sign changes, LibEMG's convention: the number of i in 1..N−2 with
    /// (xᵢ − xᵢ₋₁)·(xᵢ − xᵢ₊₁) ≥ <paramref name="threshold"/> (threshold in squared signal units; with 0, flat
    /// steps count too, which matches LibEMG's MATLAB reference). Hudgins 1993 instead requires a sign change
    /// of the slope with |xᵢ − xᵢ₋₁| ≥ ε or |xᵢ − xᵢ₊₁| ≥ ε; the product form is used here because it is
    /// what LibEMG and the peer numpy benchmark compute.
    /// </summary>
    public static int SlopeSignChanges(ReadOnlySpan<float> x, float threshold)
    {
        var n = x.Length - 2; // number of interior points
        if (n <= 0)
            return 0;
        var i = 0;
        var count = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var t = new Vector<float>(threshold);
            var acc = Vector<int>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var prev = new Vector<float>(x[i..]);
                var mid = new Vector<float>(x[(i + 1)..]);
                var next = new Vector<float>(x[(i + 2)..]);
                acc -= Vector.GreaterThanOrEqual((mid - prev) * (mid - next), t);
            }
            count = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            float prev = x[i], mid = x[i + 1], next = x[i + 2];
            if ((mid - prev) * (mid - next) >= threshold)
                count++;
        }
        return count;
    }

    /// <summary>Integrated absolute value, IAV = Σ |xᵢ| (Phinyomark 2012; LibEMG IAV).</summary>
    public static float IntegratedAbsoluteValue(ReadOnlySpan<float> x) => TensorPrimitives.SumOfMagnitudes(x);

    /// <summary>Integral square descriptor, ISD = Σ xᵢ² (LibEMG ISD; the energy term of Khushaba's invariant TD set).</summary>
    public static float IntegralSquare(ReadOnlySpan<float> x) => TensorPrimitives.SumOfSquares(x);

    /// <summary>Difference absolute standard deviation value, DASDV = √(Σᵢ₌₀^{N−2} (xᵢ₊₁ − xᵢ)² / (N − 1)) (Phinyomark 2012). 0 for N &lt; 2.</summary>
    public static float DifferenceAbsoluteStandardDeviation(ReadOnlySpan<float> x) =>
        x.Length < 2 ? 0 : MathF.Sqrt((float)(SumOfSquaredDifferences(x) / (x.Length - 1)));

    /// <summary>
    /// "Multiplication of peaks" as LibEMG and its MATLAB reference compute it, MZP = √(Σᵢ (xᵢ₊₁ − xᵢ)² / N): DASDV with
    /// divisor N (the power of the derivative; Too et al. 2019). 0 for N &lt; 2.
    /// </summary>
    public static float MultiplicationOfPeaks(ReadOnlySpan<float> x) =>
        x.Length < 2 ? 0 : MathF.Sqrt((float)(SumOfSquaredDifferences(x) / x.Length));

    /// <summary>Mean difference derivative, MDIFF = Σᵢ (xᵢ₊₁ − xᵢ)² / N (LibEMG MDIFF; Khushaba's invariant TD set). 0 for N &lt; 2.</summary>
    public static float MeanDifferenceDerivative(ReadOnlySpan<float> x) =>
        x.Length < 2 ? 0 : (float)(SumOfSquaredDifferences(x) / x.Length);

    /// <summary>
    /// Coefficient of regularisation (LibEMG COR): COR = (Σ(Δx)²/N) / ((Σ(Δ²x)²/N) · Σx²), with Δ the first and Δ² the
    /// second difference. Needs N ≥ 3.
    /// </summary>
    public static float CoefficientOfRegularization(ReadOnlySpan<float> x)
    {
        AtLeast(x, 3, "COR");
        double d1 = SumOfSquaredDifferences(x) / x.Length, d2 = SumOfSquaredSecondDifferences(x) / x.Length;
        return (float)(d1 / (d2 * SumOfSquaresDouble(x)));
    }

    /// <summary>Mean logarithm kernel (LibEMG MLK): ln(Σ|xᵢ| + ε)/N with ε = 2.2204e-16 (double machine epsilon).</summary>
    public static float MeanLogarithmKernel(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        return (float)(Math.Log(TensorPrimitives.SumOfMagnitudes(x) + 2.220446049250313e-16) / x.Length);
    }

    /// <summary>Mean absolute value of the first difference, MAVFD = Σᵢ |xᵢ₊₁ − xᵢ| / (N − 1) (LibEMG MAVFD). Needs N ≥ 2.</summary>
    public static float MeanAbsoluteFirstDifference(ReadOnlySpan<float> x)
    {
        AtLeast(x, 2, "MAVFD");
        return WaveformLength(x) / (x.Length - 1);
    }

    /// <summary>Maximum fractal length, MFL = log₁₀ Σᵢ |xᵢ₊₁ − xᵢ| = log₁₀ WL (Phinyomark 2013; LibEMG MFL). −∞ for a flat window.</summary>
    public static float MaximumFractalLength(ReadOnlySpan<float> x) => MathF.Log10(WaveformLength(x));

    /// <summary>
    /// Mean value of the square root, MSR = |(1/N) Σ √xᵢ| with √ of a negative sample taken as i·√|xᵢ| (LibEMG MSR:
    /// np.abs(np.mean(np.sqrt(x.astype(complex))))), i.e. √((Σ_{x≥0} √x)² + (Σ_{x&lt;0} √|x|)²)/N.
    /// </summary>
    public static float MeanSquareRoot(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        double re = 0, im = 0;
        foreach (var v in x)
        {
            if (v >= 0)
                re += Math.Sqrt(v);
            else
                im += Math.Sqrt(-v);
        }
        return (float)(Math.Sqrt(re * re + im * im) / x.Length);
    }

    /// <summary>
    /// Willison amplitude (Phinyomark 2012; LibEMG WAMP): the number of i in 0..N−2 with |xᵢ₊₁ − xᵢ| &gt; <paramref name="threshold"/>
    /// (strictly greater; threshold in signal units, LibEMG's default 0.002).
    /// </summary>
    public static int WillisonAmplitude(ReadOnlySpan<float> x, float threshold)
    {
        var n = x.Length - 1;
        if (n <= 0)
            return 0;
        var i = 0;
        var count = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var t = new Vector<float>(threshold);
            var acc = Vector<int>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                acc -= Vector.GreaterThan(Vector.Abs(new Vector<float>(x[(i + 1)..]) - new Vector<float>(x[i..])), t);
            count = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            if (MathF.Abs(x[i + 1] - x[i]) > threshold)
                count++;
        }
        return count;
    }

    /// <summary>Log detector, LD = exp((1/N) Σ ln(|xᵢ| + 1)) (LibEMG LD; Phinyomark 2012 uses ln|xᵢ|, which is −∞ at a zero sample).</summary>
    public static float LogDetector(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        double sum = 0;
        foreach (var v in x)
            sum += Math.Log(Math.Abs((double)v) + 1);
        return (float)Math.Exp(sum / x.Length);
    }

    /// <summary>Maximum peak, MPK = max xᵢ (LibEMG MPK: the signed maximum, not max |xᵢ|).</summary>
    public static float MaximumPeak(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        return TensorPrimitives.Max(x);
    }

    /// <summary>Absolute temporal moment of order k, TM_k = (1/N) Σ |xᵢ|ᵏ (Phinyomark 2012; LibEMG TM, default k = 3).</summary>
    public static float TemporalMoment(ReadOnlySpan<float> x, int order)
    {
        NotEmpty(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        double sum = 0;
        foreach (var v in x)
        {
            double a = Math.Abs((double)v), p = a;
            for (var k = 1; k < order; k++)
                p *= a;
            sum += p;
        }
        return (float)(sum / x.Length);
    }

    /// <summary>
    /// Peak average power (LibEMG PAP): PAP = m₀ / (m₄/m₂) with m₀ = √Σx², m₂ = √Σ(Δx)², m₄ = √Σ(Δ²x)² (Δ the first
    /// difference). Needs N ≥ 3.
    /// </summary>
    public static float PeakAveragePower(ReadOnlySpan<float> x)
    {
        AtLeast(x, 3, "PAP");
        double m0 = Math.Sqrt(SumOfSquaresDouble(x)), m2 = Math.Sqrt(SumOfSquaredDifferences(x)), m4 = Math.Sqrt(SumOfSquaredSecondDifferences(x));
        return (float)(m0 / (m4 / m2));
    }

    /// <summary>
    /// Mean absolute value slope (Hudgins 1993; LibEMG MAVSLP): the window is cut into <paramref name="segments"/> segments of
    /// m = round(N/segments) samples (round half to even, as Python; the last segment is clipped at N), and
    /// destination[s] = MAV(segment s+1) − MAV(segment s), s = 0..segments−2.
    /// </summary>
    public static void MeanAbsoluteValueSlope(ReadOnlySpan<float> x, int segments, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 2);
        var m = (int)Math.Round((double)x.Length / segments, MidpointRounding.ToEven);
        if (m < 1 || (long)(segments - 1) * m >= x.Length)
            throw new ArgumentException($"MAVSLP: a window of {x.Length} samples cannot be cut into {segments} segments.", nameof(x));
        var previous = 0f;
        for (var s = 0; s < segments; s++)
        {
            var start = s * m;
            var mav = MeanAbsoluteValue(x[start..Math.Min(x.Length, start + m)]);
            if (s > 0)
                destination[s - 1] = mav - previous;
            previous = mav;
        }
    }

    /// <summary>
    /// L-scale, the second sample L-moment (Hosking 1990; LibEMG LS, Phinyomark 2018): with x₍₁₎ ≤ … ≤ x₍N₎ the sorted
    /// samples, b₀ = mean, b₁ = (1/N) Σᵢ (i−1)/(N−1) x₍ᵢ₎, LS = 2b₁ − b₀. Takes the sorted samples. Needs N ≥ 2.
    /// </summary>
    public static float LScale(ReadOnlySpan<float> sorted)
    {
        AtLeast(sorted, 2, "LS");
        double b0 = 0, b1 = 0;
        var n = sorted.Length;
        for (var i = 0; i < n; i++)
        {
            b0 += sorted[i];
            b1 += (double)i / (n - 1) * sorted[i];
        }
        return (float)((2 * b1 - b0) / n);
    }

    /// <summary>
    /// Cardinality (BioPatRec "tcard"; Ortiz-Catalan 2013): the number of distinct values up to a tolerance,
    /// 1 + #{i : x₍ᵢ₊₁₎ − x₍ᵢ₎ &gt; <paramref name="threshold"/>} over the sorted samples. Takes the sorted samples.
    /// </summary>
    public static int Cardinality(ReadOnlySpan<float> sorted, float threshold)
    {
        NotEmpty(sorted);
        var count = 1;
        for (var i = 0; i + 1 < sorted.Length; i++)
        {
            if (sorted[i + 1] - sorted[i] > threshold)
                count++;
        }
        return count;
    }

    /// <summary>
    /// Skewness, the biased (population) estimator g₁ = m₃ / m₂^{3/2} with mᵣ = (1/N) Σ (xᵢ − x̄)ʳ (scipy.stats.skew,
    /// LibEMG SKEW). 0 for a constant window.
    /// </summary>
    public static float Skewness(ReadOnlySpan<float> x)
    {
        var (m2, m3, _) = CentralMoments(x);
        return m2 == 0 ? 0 : (float)(m3 / Math.Pow(m2, 1.5));
    }

    /// <summary>
    /// Kurtosis, Pearson's (not excess) biased estimator m₄ / m₂² (scipy.stats.kurtosis(fisher=False), LibEMG KURT).
    /// 0 for a constant window.
    /// </summary>
    public static float Kurtosis(ReadOnlySpan<float> x)
    {
        var (m2, _, m4) = CentralMoments(x);
        return m2 == 0 ? 0 : (float)(m4 / (m2 * m2));
    }

    internal static (double M2, double M3, double M4) CentralMoments(ReadOnlySpan<float> x)
    {
        NotEmpty(x);
        var mean = TensorPrimitives.Sum(x) / (double)x.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in x)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        return (m2 / x.Length, m3 / x.Length, m4 / x.Length);
    }

    /// <summary>Σ xᵢ² accumulated in double.</summary>
    internal static double SumOfSquaresDouble(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x)
            s += (double)v * v;
        return s;
    }

    /// <summary>Σᵢ (xᵢ₊₁ − xᵢ)² accumulated in double (0 for N &lt; 2).</summary>
    internal static double SumOfSquaredDifferences(ReadOnlySpan<float> x)
    {
        double s = 0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            double d = (double)x[i + 1] - x[i];
            s += d * d;
        }
        return s;
    }

    /// <summary>Σᵢ (xᵢ₊₂ − 2xᵢ₊₁ + xᵢ)² accumulated in double (0 for N &lt; 3).</summary>
    internal static double SumOfSquaredSecondDifferences(ReadOnlySpan<float> x)
    {
        double s = 0;
        for (var i = 0; i + 2 < x.Length; i++)
        {
            double d = ((double)x[i + 2] - x[i + 1]) - ((double)x[i + 1] - x[i]);
            s += d * d;
        }
        return s;
    }

    internal static void AtLeast(ReadOnlySpan<float> x, int n, string code)
    {
        if (x.Length < n)
            throw new ArgumentException($"{code} needs at least {n} samples; got {x.Length}.", nameof(x));
    }

    internal static void NotEmpty(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The window is empty.", nameof(x));
    }
}
