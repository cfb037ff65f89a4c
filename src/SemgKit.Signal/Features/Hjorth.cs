namespace SemgKit.Signal.Features;

/// <summary>
/// Hjorth parameters (B. Hjorth, "EEG analysis based on time domain properties", Electroencephalography and Clinical
/// Neurophysiology 29(3), 1970), with the derivative taken as the first difference and each mean square over its own
/// length: m₀ = Σx²/N (the window is taken as zero-mean, as for RMS), m₂ = Σ(Δx)²/(N−1), m₄ = Σ(Δ²x)²/(N−2).
/// Activity = m₀, mobility = √(m₂/m₀), complexity = mobility(Δx)/mobility(x) = √(m₄·m₀)/m₂.
/// LibEMG divides Σ(Δx)² by N for MOB, and its COMP returns √(m₄/m₂) with m₄ summed over every window and channel of
/// the batch — neither the textbook ratio nor per window; this class implements Hjorth's definition.
/// </summary>
public static class Hjorth
{
    /// <summary>Activity = Σx²/N (LibEMG ACT). Needs N ≥ 1.</summary>
    public static float Activity(ReadOnlySpan<float> x)
    {
        TimeDomain.NotEmpty(x);
        return (float)(TimeDomain.SumOfSquaresDouble(x) / x.Length);
    }

    /// <summary>Mobility = √((Σ(Δx)²/(N−1)) / (Σx²/N)). Needs N ≥ 2.</summary>
    public static float Mobility(ReadOnlySpan<float> x)
    {
        TimeDomain.AtLeast(x, 2, "MOB");
        double m0 = TimeDomain.SumOfSquaresDouble(x) / x.Length, m2 = TimeDomain.SumOfSquaredDifferences(x) / (x.Length - 1);
        return (float)Math.Sqrt(m2 / m0);
    }

    /// <summary>Complexity = √(m₄/m₂)/√(m₂/m₀) = √(m₄·m₀)/m₂ (see the class remarks). Needs N ≥ 3.</summary>
    public static float Complexity(ReadOnlySpan<float> x)
    {
        TimeDomain.AtLeast(x, 3, "COMP");
        double m0 = TimeDomain.SumOfSquaresDouble(x) / x.Length;
        double m2 = TimeDomain.SumOfSquaredDifferences(x) / (x.Length - 1);
        double m4 = TimeDomain.SumOfSquaredSecondDifferences(x) / (x.Length - 2);
        return (float)(Math.Sqrt(m4 * m0) / m2);
    }
}
