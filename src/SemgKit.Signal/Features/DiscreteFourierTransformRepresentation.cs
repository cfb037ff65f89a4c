namespace SemgKit.Signal.Features;

/// <summary>
/// DFTR (He et al. 2015), one value per band below Nyquist (6 at fs ≥ 1 kHz), named DFTR20-92, DFTR92-163, …,
/// from the shared power spectrum. Kernel: <see cref="Spectral.DiscreteFourierTransformRepresentation"/>.
/// </summary>
public sealed class DiscreteFourierTransformRepresentation : IFeature, ISpectrumFeature
{
    /// <summary>Bands for <paramref name="sampleRateHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive, or no band lies below its Nyquist frequency.</exception>
    public DiscreteFourierTransformRepresentation(double sampleRateHz)
    {
        SampleRateHz = FeatureArguments.SampleRate(sampleRateHz);
        ValuesPerChannel = Spectral.DftrBandCount(SampleRateHz);
        if (ValuesPerChannel == 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "DFTR needs a Nyquist frequency above 92 Hz.");
    }

    /// <summary>The sample rate that converts FFT bins to Hz.</summary>
    public double SampleRateHz { get; }

    /// <inheritdoc/>
    public string Code => "DFTR";

    /// <inheritdoc/>
    public string Name => "Discrete Fourier transform representation";

    /// <inheritdoc/>
    public int ValuesPerChannel { get; }

    /// <inheritdoc/>
    public string ValueName(int index) => $"DFTR{Spectral.DftrBandEdgesHz[index]}-{Spectral.DftrBandEdgesHz[index + 1]}";

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) =>
        Extract(channelWindow, destination, FeatureScratch.ForCurrentThread);

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination, FeatureScratch scratch) =>
        Spectral.DiscreteFourierTransformRepresentation(scratch.Spectrum(channelWindow), SampleRateHz, destination);
}
