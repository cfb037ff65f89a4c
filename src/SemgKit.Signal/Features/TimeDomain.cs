using System.Numerics;
using System.Numerics.Tensors;

namespace SemgKit.Signal.Features;

/// <summary>
/// Time-domain sEMG feature kernels over one channel's window x[0..N). Pure functions; thresholds are
/// explicit. References: B. Hudgins, P. Parker, R. N. Scott, "A new strategy for multifunction myoelectric
/// control", IEEE Trans. Biomed. Eng. 40(1), 1993 (MAV, ZC, SSC, WL); A. Phinyomark, P. Phukpattaranont,
/// C. Limsakul, "Feature reduction and selection for EMG signal classification", Expert Systems with
/// Applications 39(8), 2012 (RMS, VAR and the definitions used here).
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

    private static void NotEmpty(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The window is empty.", nameof(x));
    }
}
