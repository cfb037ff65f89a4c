namespace SemgKit.Signal.Features;

/// <summary>
/// PKF, one value per channel, from the power spectrum shared by all spectral features of the channel window.
/// Kernel: <see cref="Spectral.PeakFrequency"/>.
/// </summary>
public sealed class PeakFrequency(double sampleRateHz) : IFeature, ISpectrumFeature
{
    /// <summary>The sample rate that converts FFT bins to Hz.</summary>
    public double SampleRateHz { get; } = FeatureArguments.SampleRate(sampleRateHz);

    /// <inheritdoc/>
    public string Code => "PKF";

    /// <inheritdoc/>
    public string Name => "Peak frequency";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Spectral.PeakFrequency(scratch.Spectrum(channelWindow), SampleRateHz);
}
