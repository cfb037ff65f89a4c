namespace SemgKit.Signal.Quality;

/// <summary>Signal-quality measurements of one channel; see <see cref="ChannelQuality.Measure"/> for each rule.</summary>
/// <param name="Rms">Root mean square of the finite samples (no mean removed); NaN if none.</param>
/// <param name="Mean">Mean of the finite samples; NaN if none.</param>
/// <param name="Min">Smallest finite sample; NaN if none.</param>
/// <param name="Max">Largest finite sample; NaN if none.</param>
/// <param name="NonFiniteCount">Number of NaN or ±∞ samples.</param>
/// <param name="ClippedFraction">Fraction of all samples judged clipped (0..1).</param>
/// <param name="FlatLineFraction">Fraction of all samples inside runs of ≥ 50 ms of identical consecutive values (0..1).</param>
/// <param name="PowerLineRatio50Hz">Power within ±1 Hz of 50 Hz and its harmonics ÷ power in 20–500 Hz; NaN if undefined.</param>
/// <param name="PowerLineRatio60Hz">Power within ±1 Hz of 60 Hz and its harmonics ÷ power in 20–500 Hz; NaN if undefined.</param>
public sealed record ChannelQualityReport(
    double Rms,
    double Mean,
    double Min,
    double Max,
    int NonFiniteCount,
    double ClippedFraction,
    double FlatLineFraction,
    double PowerLineRatio50Hz,
    double PowerLineRatio60Hz);
