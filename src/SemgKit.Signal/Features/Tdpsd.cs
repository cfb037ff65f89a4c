namespace SemgKit.Signal.Features;

/// <summary>
/// Khushaba's time-domain power-spectral descriptors (R. N. Khushaba, A. Al-Timemy, A. Al-Ani, A. Al-Jumaily,
/// "A framework of temporal-spatial descriptors-based feature extraction for improved myoelectric pattern recognition",
/// IEEE TNSRE 25(10), 2017; TD-PSD: Al-Timemy et al., IEEE TNSRE 24(6), 2016), as LibEMG and its MATLAB reference compute
/// them. For a signal w of length N: m₀ = (√Σw² / (N−1))^0.1 / 0.1, m₂ = (√(Σ(Δw)²/(N−1)))^0.1 / 0.1,
/// m₄ = (√(Σ(Δ²w)²/(N−1)))^0.1 / 0.1, and the raw descriptors
/// M0 = ln|m₀|, M2 = ln|m₀ − m₂|, M4 = ln|m₀ − m₄|, SPARSI = ln|√|(m₀−m₂)(m₀−m₄)| / m₀|, IRF = ln|m₂ / √(m₀m₄)|,
/// WLF = ln|√(Σ|Δw| / Σ|Δ²w|)|. Each feature f is computed on a = f(x) and on b = f(ln(x² + ε)) (ε = 2.2204e-16) and
/// returned as the orientation −2ab/(a² + b²).
/// </summary>
public static class Tdpsd
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>The descriptor <paramref name="which"/> of <paramref name="x"/>; <paramref name="work"/> holds N floats for ln(x² + ε). Needs N ≥ 3.</summary>
    public static float Compute(ReadOnlySpan<float> x, TdpsdDescriptor which, Span<float> work)
    {
        TimeDomain.AtLeast(x, 3, "TD-PSD");
        var a = Raw(x, which);
        var logged = work[..x.Length];
        for (var i = 0; i < x.Length; i++)
            logged[i] = (float)Math.Log((double)x[i] * x[i] + Epsilon);
        var b = Raw(logged, which);
        return (float)(-2 * a * b / (a * a + b * b));
    }

    private static double Raw(ReadOnlySpan<float> w, TdpsdDescriptor which)
    {
        var n = w.Length;
        if (which == TdpsdDescriptor.WaveformLengthFactor)
        {
            double s1 = 0, s2 = 0;
            for (var i = 0; i + 1 < n; i++)
                s1 += Math.Abs((double)w[i + 1] - w[i]);
            for (var i = 0; i + 2 < n; i++)
                s2 += Math.Abs(((double)w[i + 2] - w[i + 1]) - ((double)w[i + 1] - w[i]));
            return Math.Log(Math.Abs(Math.Sqrt(s1 / s2)));
        }
        var m0 = Math.Pow(Math.Sqrt(TimeDomain.SumOfSquaresDouble(w)) / (n - 1), 0.1) / 0.1;
        var m2 = Math.Pow(Math.Sqrt(TimeDomain.SumOfSquaredDifferences(w) / (n - 1)), 0.1) / 0.1;
        var m4 = Math.Pow(Math.Sqrt(TimeDomain.SumOfSquaredSecondDifferences(w) / (n - 1)), 0.1) / 0.1;
        return which switch
        {
            TdpsdDescriptor.M0 => Math.Log(Math.Abs(m0)),
            TdpsdDescriptor.M2 => Math.Log(Math.Abs(m0 - m2)),
            TdpsdDescriptor.M4 => Math.Log(Math.Abs(m0 - m4)),
            TdpsdDescriptor.Sparseness => Math.Log(Math.Abs(Math.Sqrt(Math.Abs((m0 - m2) * (m0 - m4))) / m0)),
            _ => Math.Log(Math.Abs(m2 / Math.Sqrt(m0 * m4))),
        };
    }
}
