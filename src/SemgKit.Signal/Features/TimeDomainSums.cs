namespace SemgKit.Signal.Features;

/// <summary>
/// The one-pass statistics of a channel window x[0..N) behind the Hudgins group and RMS
/// (<see cref="FusedTimeDomain.Compute"/>): MAV = <see cref="SumOfMagnitudes"/>/N, RMS = √(<see cref="SumOfSquares"/>/N),
/// WL = <see cref="WaveformLength"/>, ZC = <see cref="ZeroCrossings"/>, SSC = <see cref="SlopeSignChanges"/>.
/// </summary>
/// <param name="SumOfMagnitudes">Σᵢ |xᵢ|, signal units.</param>
/// <param name="SumOfSquares">Σᵢ xᵢ², squared signal units.</param>
/// <param name="WaveformLength">Σᵢ₌₀^{N−2} |xᵢ₊₁ − xᵢ|, signal units.</param>
/// <param name="ZeroCrossings">#{i ≤ N−2 : xᵢ·xᵢ₊₁ &lt; 0 (strict sign change) ∧ |xᵢ − xᵢ₊₁| ≥ ZC threshold}.</param>
/// <param name="SlopeSignChanges">#{1 ≤ i ≤ N−2 : (xᵢ − xᵢ₋₁)(xᵢ − xᵢ₊₁) ≥ SSC threshold}.</param>
public readonly record struct TimeDomainSums(float SumOfMagnitudes, float SumOfSquares, float WaveformLength, int ZeroCrossings, int SlopeSignChanges);
