namespace SemgKit.Signal.Features;

/// <summary>
/// Autoregressive model kernels. The AR(p) model is fitted by the autocorrelation (Yule–Walker) method with the
/// Levinson–Durbin recursion on the biased autocorrelation r_k = Σₙ xₙxₙ₊ₖ (no mean removal), as MATLAB's
/// <c>lpc</c>/<c>aryule</c> and LibEMG's MATLAB reference do (LibEMG's Python uses librosa's Burg method instead).
/// The prediction polynomial is A(z) = 1 + a₁z⁻¹ + … + a_p z⁻ᵖ.
/// </summary>
public static class Autoregressive
{
    /// <summary>The largest supported order.</summary>
    public const int MaxOrder = 64;

    /// <summary>
    /// The prediction-error polynomial coefficients a₁..a_p (MATLAB <c>lpc</c> without the leading 1) into
    /// <paramref name="a"/> (length p). A constant-zero window gives all zeros. Needs N &gt; p.
    /// </summary>
    public static void PolynomialCoefficients(ReadOnlySpan<float> x, Span<double> a)
    {
        var p = a.Length;
        if (p < 1 || p > MaxOrder)
            throw new ArgumentOutOfRangeException(nameof(a), p, $"The AR order must be in 1..{MaxOrder}.");
        if (x.Length <= p)
            throw new ArgumentException($"AR({p}) needs more than {p} samples; got {x.Length}.", nameof(x));
        Span<double> r = stackalloc double[p + 1];
        for (var k = 0; k <= p; k++)
        {
            double s = 0;
            for (var n = 0; n + k < x.Length; n++)
                s += (double)x[n] * x[n + k];
            r[k] = s;
        }
        a.Clear();
        if (r[0] == 0)
            return;
        Span<double> previous = stackalloc double[p];
        var error = r[0];
        for (var i = 0; i < p; i++)
        {
            var acc = r[i + 1];
            for (var j = 0; j < i; j++)
                acc += a[j] * r[i - j];
            var k = -acc / error;
            a[..i].CopyTo(previous);
            for (var j = 0; j < i; j++)
                a[j] = previous[j] + k * previous[i - 1 - j];
            a[i] = k;
            error *= 1 - k * k;
            if (error <= 0)
                break;
        }
    }

    /// <summary>
    /// AR coefficients in the textbook sign convention of the model xₙ = Σₖ φₖ xₙ₋ₖ + eₙ (Graupe &amp; Cline 1975;
    /// Hudgins' TD-AR): φₖ = −aₖ. LibEMG and its MATLAB reference report aₖ (the polynomial sign).
    /// </summary>
    public static void Coefficients(ReadOnlySpan<float> x, Span<float> destination)
    {
        Span<double> a = stackalloc double[destination.Length];
        PolynomialCoefficients(x, a);
        for (var k = 0; k < a.Length; k++)
            destination[k] = (float)-a[k];
    }

    /// <summary>
    /// Cepstral coefficients of order p as defined for EMG by Kang, Cheng, Lai, Shiu, Kuo (IEEE TBME 42(8), 1995) and
    /// Phinyomark 2012: c₁ = −a₁, c_q = −a_q − Σ_{l=1}^{q−1} (1 − l/q) a_q c_{q−l} (q = 2..p), with aₖ the polynomial
    /// coefficients. This matches LibEMG's MATLAB reference. (The LPC-cepstrum recursion of Atal 1974 uses a_l instead of
    /// a_q inside the sum; the EMG literature's form is kept because it is what "CC" denotes in EMG papers.)
    /// </summary>
    public static void CepstralCoefficients(ReadOnlySpan<float> x, Span<float> destination)
    {
        var p = destination.Length;
        Span<double> a = stackalloc double[p];
        Span<double> c = stackalloc double[p];
        PolynomialCoefficients(x, a);
        c[0] = -a[0];
        for (var q = 2; q <= p; q++)
        {
            double s = 0;
            for (var l = 1; l < q; l++)
                s += (1 - (double)l / q) * a[q - 1] * c[q - l - 1];
            c[q - 1] = -a[q - 1] - s;
        }
        for (var k = 0; k < p; k++)
            destination[k] = (float)c[k];
    }
}
