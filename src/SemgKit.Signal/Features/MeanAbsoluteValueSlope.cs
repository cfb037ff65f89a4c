namespace SemgKit.Signal.Features;

/// <summary>
/// MAVSLP (Hudgins 1993; segments default 2), segments − 1 values per channel named MAVSLP1.. (one value is named MAVSLP).
/// Kernel: <see cref="TimeDomain.MeanAbsoluteValueSlope"/>.
/// </summary>
public sealed class MeanAbsoluteValueSlope(int segments = 2) : IFeature
{
    /// <summary>The number of segments the window is cut into.</summary>
    public int Segments { get; } = FeatureArguments.InRange(segments, 2, 64, "MAVSLP segment count");

    /// <inheritdoc/>
    public string Code => "MAVSLP";

    /// <inheritdoc/>
    public string Name => "Mean absolute value slope";

    /// <inheritdoc/>
    public int ValuesPerChannel => Segments - 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        TimeDomain.MeanAbsoluteValueSlope(channelWindow, Segments, destination);
}
