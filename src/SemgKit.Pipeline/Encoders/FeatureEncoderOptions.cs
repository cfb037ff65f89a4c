namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// The signal path from raw samples to one feature row per window: causal Butterworth band-pass, sliding windows,
/// a feature set, a window label rule and the warm-up dropped at the start of every recording.
/// </summary>
public sealed record FeatureEncoderOptions
{
    /// <summary>Band-pass low edge, Hz.</summary>
    public double BandLowHz { get; init; } = 20;

    /// <summary>Band-pass high edge, Hz; clipped to 0.45 × the sample rate for low-rate devices (e.g. Myo at 200 Hz → 90 Hz).</summary>
    public double BandHighHz { get; init; } = 450;

    /// <summary>Butterworth order of the band-pass (the band-pass has twice as many poles).</summary>
    public int FilterOrder { get; init; } = 4;

    /// <summary>Window length, ms.</summary>
    public double WindowMs { get; init; } = 200;

    /// <summary>Window step (decision period), ms.</summary>
    public double StepMs { get; init; } = 50;

    /// <summary>Samples at the start of each recording during which the causal filter settles; windows starting earlier are dropped (offline and live alike).</summary>
    public double WarmupMs { get; init; } = 100;

    /// <summary>Feature codes or a group name (see <see cref="Signal.Features.FeatureCatalog"/>).</summary>
    public string Features { get; init; } = "Hudgins";

    public WindowLabelRule LabelRule { get; init; } = WindowLabelRule.Mode;

    /// <summary>Purity threshold for <see cref="WindowLabelRule.Pure"/>.</summary>
    public double LabelPurity { get; init; } = 1.0;

    /// <summary>The band-pass high edge actually used at <paramref name="sampleRateHz"/>.</summary>
    public double EffectiveHighHz(double sampleRateHz) => Math.Min(BandHighHz, 0.45 * sampleRateHz);

    /// <summary>One line for reports, e.g. "causal Butterworth band-pass 20–450 Hz, order 4".</summary>
    public string DescribeFilter(double sampleRateHz) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"causal Butterworth band-pass {BandLowHz:0.#}–{EffectiveHighHz(sampleRateHz):0.#} Hz, order {FilterOrder}, {WarmupMs:0} ms warm-up dropped");
}
