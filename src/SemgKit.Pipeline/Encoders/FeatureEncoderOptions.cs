namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// The signal path from raw samples to one input row per window: causal Butterworth band-pass, sliding windows,
/// what each window becomes (<see cref="Input"/>: a feature row, the raw window, a spectrogram, per-frame features or
/// EMG images), a window label rule and the warm-up dropped at the start of every recording.
/// </summary>
public sealed record FeatureEncoderOptions
{
    /// <summary>Band-pass low edge, Hz.</summary>
    public double BandLowHz { get; init; } = 20;

    /// <summary>Band-pass high edge, Hz; clipped to 0.45 × the sample rate for low-rate devices (e.g. Myo at 200 Hz → 90 Hz).</summary>
    public double BandHighHz { get; init; } = 450;

    /// <summary>Butterworth order of the band-pass (the band-pass has twice as many poles).</summary>
    public int FilterOrder { get; init; } = 4;

    /// <summary>Power-line frequency to notch out with its harmonics (50 or 60 Hz), or 0 for none.</summary>
    public double NotchHz { get; init; }

    /// <summary>Window length, ms.</summary>
    public double WindowMs { get; init; } = 200;

    /// <summary>Window step (decision period), ms.</summary>
    public double StepMs { get; init; } = 50;

    /// <summary>Samples at the start of each recording during which the causal filter settles; windows starting earlier are dropped (offline and live alike).</summary>
    public double WarmupMs { get; init; } = 100;

    /// <summary>
    /// Feature codes or group names (see <see cref="Signal.Features.FeatureCatalog"/>). A code or group written
    /// <c>CODE@T</c> (e.g. <c>TDFD@256</c>) is computed over the last T ms of the window instead of the whole window, so
    /// one row can hold several time scales ending at the decision: <c>TDFD,TDFD@1024,TDFD@256</c> with a 4096 ms window.
    /// <c>CODE/N</c> (e.g. <c>MAV/10</c>) is computed on each of N consecutive equal segments of its span: an envelope shape.
    /// </summary>
    public string Features { get; init; } = "Hudgins";

    /// <summary>
    /// Replace every feature value that scales with the signal's amplitude (MAV, RMS, WL, VAR, … see
    /// <see cref="Signal.Features.FeatureCatalog.ScalesWithAmplitude"/>) by its natural logarithm, so a subject's or an
    /// electrode's gain becomes an offset; helps across subjects and sessions.
    /// </summary>
    public bool LogAmplitude { get; init; }

    /// <summary>What each window becomes (default a feature row of <see cref="Features"/>); see <see cref="WindowInput"/>.</summary>
    public WindowInput Input { get; init; } = WindowInput.Features;

    /// <summary>Frame length for <see cref="WindowInput.FrameFeatures"/> and the EMG images, ms (the window must be a whole number of frames).</summary>
    public double FrameMs { get; init; } = 10;

    /// <summary>
    /// Per-frame feature(s) for <see cref="WindowInput.FrameFeatures"/> and the EMG images; null means "Hudgins" for frame
    /// sequences and "MAV" for images (an image takes one value per frame and channel).
    /// </summary>
    public string? FrameFeatures { get; init; }

    /// <summary>Spectrogram segment length N (FFT size) in samples; 0 = min(256, the largest power of two ≤ window / 4).</summary>
    public int SegmentSamples { get; init; }

    /// <summary>Spectrogram overlap as a fraction of the segment (default 0.5).</summary>
    public double SegmentOverlap { get; init; } = 0.5;

    /// <summary>Spectrogram in dB, 10·log10(PSD + 1e-10) (default true).</summary>
    public bool Decibels { get; init; } = true;

    /// <summary>Wavelet of the wavelet-packet image (pywt name, e.g. db4, sym5).</summary>
    public string Wavelet { get; init; } = "db4";

    /// <summary>Wavelet-packet decomposition depth of the wavelet-packet image.</summary>
    public int WaveletDepth { get; init; } = 2;

    public WindowLabelRule LabelRule { get; init; } = WindowLabelRule.Mode;

    /// <summary>Purity threshold for <see cref="WindowLabelRule.Pure"/>.</summary>
    public double LabelPurity { get; init; } = 1.0;

    /// <summary>The band-pass high edge actually used at <paramref name="sampleRateHz"/>.</summary>
    public double EffectiveHighHz(double sampleRateHz) => Math.Min(BandHighHz, 0.45 * sampleRateHz);

    /// <summary>One line for reports, e.g. "causal Butterworth band-pass 20–450 Hz, order 4".</summary>
    public string DescribeFilter(double sampleRateHz) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"causal Butterworth band-pass {BandLowHz:0.#}–{EffectiveHighHz(sampleRateHz):0.#} Hz, order {FilterOrder}{(NotchHz > 0 ? $", {NotchHz:0} Hz notch comb with harmonics" : "")}, {WarmupMs:0} ms warm-up dropped");

    /// <summary>The causal filter of this path at <paramref name="sampleRateHz"/>: band-pass, then the notch comb if asked for.</summary>
    public Signal.Filters.Sos DesignFilter(double sampleRateHz)
    {
        try
        {
            var sos = Signal.Filters.Butterworth.BandPass(FilterOrder, BandLowHz, EffectiveHighHz(sampleRateHz), sampleRateHz);
            return NotchHz > 0 ? sos.Then(Signal.Filters.PowerLineComb.Design(NotchHz, 30, sampleRateHz)) : sos;
        }
        catch (ArgumentException e)
        {
            throw new SemgException($"filter at {sampleRateHz} Hz: {e.Message}", e);
        }
    }
}
