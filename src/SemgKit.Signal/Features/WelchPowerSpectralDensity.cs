using System.Globalization;
using SemgKit.Signal.Transforms;

namespace SemgKit.Signal.Features;

/// <summary>
/// PSD: the window's Welch power spectral density bins, <c>scipy.signal.welch(x, fs, nperseg=N)</c> (Hann, 50 % overlap,
/// constant detrend, density scaling, units²/Hz), without the DC bin: N/2 values for the bins k·fs/N, k = 1..N/2,
/// named PSD7.8Hz, PSD15.6Hz, … The spectral fingerprint of an electrode and the tissue under it (fat and muscle act
/// as a low-pass filter; fibre conduction velocity shifts the spectrum); in log amplitude (<c>--log-amplitude</c>) each
/// bin becomes a log power. The window must hold at least one segment of N samples.
/// </summary>
public sealed class WelchPowerSpectralDensity : IFeature
{
    [ThreadStatic] private static Plan? t_plan;

    /// <summary>Bins of <paramref name="segmentSamples"/>-sample segments (8..4096) at <paramref name="sampleRateHz"/>.</summary>
    public WelchPowerSpectralDensity(double sampleRateHz, int segmentSamples = 128)
    {
        SampleRateHz = FeatureArguments.SampleRate(sampleRateHz);
        SegmentSamples = FeatureArguments.InRange(segmentSamples, 8, 4096, "PSD segment length in samples");
    }

    /// <summary>The sample rate of the density scaling and the bin frequencies.</summary>
    public double SampleRateHz { get; }

    /// <summary>N, samples per segment (the FFT size).</summary>
    public int SegmentSamples { get; }

    /// <inheritdoc/>
    public string Code => "PSD";

    /// <inheritdoc/>
    public string Name => "Welch power spectral density bins";

    /// <inheritdoc/>
    public int ValuesPerChannel => SegmentSamples / 2;

    /// <inheritdoc/>
    public string ValueName(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"PSD{(index + 1) * SampleRateHz / SegmentSamples:0.#}Hz");

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The window is shorter than one segment.</exception>
    public void CheckWindow(int lengthSamples)
    {
        if (lengthSamples < SegmentSamples)
            throw new ArgumentException($"PSD:{SegmentSamples} needs windows of at least {SegmentSamples} samples; this one has {lengthSamples}.", nameof(lengthSamples));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The window is shorter than one segment.</exception>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination)
    {
        CheckWindow(channelWindow.Length);
        var plan = t_plan is { } p && p.Analyzer.SegmentSamples == SegmentSamples ? p : t_plan = new Plan(SegmentSamples);
        Welch.Average(plan.Analyzer, channelWindow, SampleRateHz, SegmentSamples / 2, Detrend.Constant, SpectralScaling.Density, plan.Bins);
        for (int k = 0; k < ValuesPerChannel; k++)
            destination[k] = (float)plan.Bins[k + 1];
    }

    /// <summary>One thread's segment buffers and FFT plan, reused while the segment length stays the same.</summary>
    private sealed class Plan(int segmentSamples)
    {
        public SegmentAnalyzer Analyzer { get; } = new(SpectralWindow.Hann, segmentSamples);

        public double[] Bins { get; } = new double[segmentSamples / 2 + 1];
    }
}
