namespace SemgKit.Signal.Filters;

/// <summary>
/// One second-order section H(z) = (B0 + B1 z⁻¹ + B2 z⁻²) / (1 + A1 z⁻¹ + A2 z⁻²), i.e. one row
/// <c>[b0, b1, b2, 1, a1, a2]</c> of a scipy <c>sos</c> array (a0 is always 1).
/// </summary>
public readonly record struct SosSection(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>a0, always 1 (sections are normalised).</summary>
    public double A0 => 1.0;

    /// <summary>The gain at DC, H(1) = (b0 + b1 + b2) / (1 + a1 + a2).</summary>
    public double DcGain => (B0 + B1 + B2) / (1.0 + A1 + A2);
}
