namespace SemgKit.Learning;

/// <summary>
/// Covariance shrinkage for <see cref="Lda"/>, as scikit-learn's <c>shrinkage</c> parameter:
/// <see cref="None"/>, a fixed intensity in [0, 1] (<see cref="Fixed"/>), or <see cref="Auto"/>
/// (Ledoit-Wolf on standardised class data).
/// </summary>
public readonly record struct LdaShrinkage
{
    private LdaShrinkage(bool isAuto, double? value)
    {
        IsAuto = isAuto;
        Value = value;
    }

    /// <summary>True for <c>shrinkage='auto'</c>.</summary>
    public bool IsAuto { get; }

    /// <summary>The fixed intensity, or null for none / auto.</summary>
    public double? Value { get; }

    /// <summary>No shrinkage: the empirical class covariances (<c>shrinkage=None</c>).</summary>
    public static LdaShrinkage None => default;

    /// <summary>
    /// <c>shrinkage='auto'</c>: per class, standardise, take the Ledoit-Wolf shrunk covariance, scale back.
    /// </summary>
    public static LdaShrinkage Auto => new(true, null);

    /// <summary>A fixed intensity s in [0, 1]: Σ = (1 − s)·S + s·(trace(S)/F)·I per class.</summary>
    public static LdaShrinkage Fixed(double intensity)
    {
        if (!(intensity >= 0 && intensity <= 1))
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "Shrinkage must be in [0, 1].");
        return new LdaShrinkage(false, intensity);
    }

    /// <inheritdoc/>
    public override string ToString() => IsAuto ? "auto" : Value is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "none";
}
