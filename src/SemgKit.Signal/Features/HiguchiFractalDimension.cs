namespace SemgKit.Signal.Features;

/// <summary>HFD (Higuchi 1988; kMax default 10), one value per channel. Kernel: <see cref="Fractal.HiguchiDimension"/>.</summary>
public sealed class HiguchiFractalDimension(int kMax = 10) : IFeature
{
    /// <summary>The largest sub-sampling interval.</summary>
    public int KMax { get; } = FeatureArguments.InRange(kMax, 2, 1000, "HFD kMax");

    /// <inheritdoc/>
    public string Code => "HFD";

    /// <inheritdoc/>
    public string Name => "Higuchi fractal dimension";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = Fractal.HiguchiDimension(channelWindow, KMax);
}
