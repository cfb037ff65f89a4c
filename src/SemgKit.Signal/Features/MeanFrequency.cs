namespace SemgKit.Signal.Features;

/// <summary>
/// MNF, one value per channel, from the power spectrum shared by all spectral features of the channel window.
/// Kernel: <see cref="Spectral.MeanFrequency"/>.
/// </summary>
public sealed class MeanFrequency(double sampleRateHz) : IFeature, ISpectrumFeature
{
    /// <summary>The sample rate that converts FFT bins to Hz.</summary>
    public double SampleRateHz { get; } = FeatureArguments.SampleRate(sampleRateHz);

    /// <inheritdoc/>
    public string Code => "MNF";

    /// <inheritdoc/>
    public string Name => "Mean frequency";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Spectral.MeanFrequency(scratch.Spectrum(channelWindow), SampleRateHz);
}
