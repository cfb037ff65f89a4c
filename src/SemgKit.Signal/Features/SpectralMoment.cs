namespace SemgKit.Signal.Features;

/// <summary>SM (spectral moment of order q, default 2), one value per channel, from the shared power spectrum. Kernel: <see cref="Spectral.SpectralMoment"/>.</summary>
public sealed class SpectralMoment(double sampleRateHz, int order = 2) : IFeature, ISpectrumFeature
{
    /// <summary>The sample rate that converts FFT bins to Hz.</summary>
    public double SampleRateHz { get; } = FeatureArguments.SampleRate(sampleRateHz);

    /// <summary>q, the power of the frequency.</summary>
    public int Order { get; } = FeatureArguments.InRange(order, 0, 8, "SM order");

    /// <inheritdoc/>
    public string Code => "SM";

    /// <inheritdoc/>
    public string Name => "Spectral moment";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        destination[0] = Spectral.SpectralMoment(scratch.Spectrum(channelWindow), SampleRateHz, Order);
}
