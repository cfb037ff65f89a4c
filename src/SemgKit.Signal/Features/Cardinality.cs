namespace SemgKit.Signal.Features;

/// <summary>CARD (BioPatRec cardinality: distinct values up to a tolerance), one value per channel. Kernel: <see cref="TimeDomain.Cardinality"/>.</summary>
public sealed class Cardinality(float threshold = 0) : IFeature
{
    /// <summary>Sorted neighbours closer than or equal to this (signal units) count as one value.</summary>
    public float Threshold { get; } = FeatureArguments.Threshold(threshold, "CARD");

    /// <inheritdoc/>
    public string Code => "CARD";

    /// <inheritdoc/>
    public string Name => "Cardinality";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = TimeDomain.Cardinality(scratch.Sorted(channelWindow), Threshold);
}
