namespace SemgKit.Signal.Features;

/// <summary>
/// MNP, one value per channel, from the power spectrum shared by all spectral features of the channel window.
/// Kernel: <see cref="Spectral.MeanPower"/>.
/// </summary>
public sealed class MeanPower : IFeature, ISpectrumFeature
{
    /// <inheritdoc/>
    public string Code => "MNP";

    /// <inheritdoc/>
    public string Name => "Mean power";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Spectral.MeanPower(scratch.Spectrum(channelWindow));
}
