namespace SemgKit.Pipeline.Data;

/// <summary>Signal quality of one channel over all recordings of a dataset (see <see cref="DatasetInspection"/>).</summary>
/// <param name="Rms">Root mean square over all samples, in the channel's unit.</param>
/// <param name="ClippedFraction">Share of samples stuck at the extremes (saturation).</param>
/// <param name="FlatLineFraction">Share of samples in runs of ≥ 50 ms of identical values (disconnected electrode).</param>
/// <param name="PowerLineRatio50Hz">Power at 50 Hz and harmonics ÷ power in 20–500 Hz, mean over recordings.</param>
/// <param name="PowerLineRatio60Hz">The same at 60 Hz.</param>
/// <param name="NonFiniteCount">NaN and ±Inf samples.</param>
public sealed record ChannelInspection(
    string Name,
    string Unit,
    double Rms,
    double Min,
    double Max,
    double ClippedFraction,
    double FlatLineFraction,
    double PowerLineRatio50Hz,
    double PowerLineRatio60Hz,
    long NonFiniteCount);
