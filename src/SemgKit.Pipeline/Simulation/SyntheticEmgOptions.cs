using System.Globalization;

namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// What <see cref="SyntheticEmg.Generate"/> simulates. Every property has a documented default; the
/// defaults (<see cref="Default"/>) are SemgKit's embedded demo dataset: 4 subjects × 6 movements ×
/// 6 repetitions of a 1 s rest + 3 s contraction + 1 s rest trial, 8 forearm channels at 1000 Hz
/// (144 recordings, 12 minutes, about 23 MB of samples), tuned so that a crude nearest-class-mean
/// classifier on MAV/WL features scores well above chance but far from perfect.
/// </summary>
/// <remarks>
/// Amplitudes are in millivolts at the electrode (before any amplifier gain), frequencies in hertz,
/// durations in milliseconds. "Log-SD" values are the standard deviation of the natural logarithm of a
/// multiplicative factor with median 1 (0.2 ≈ ±20 %). Call <see cref="Validate"/> to list every problem
/// at once; <see cref="SyntheticEmg.Generate"/> throws an <see cref="ArgumentException"/> naming them all.
/// </remarks>
public sealed record SyntheticEmgOptions
{
    /// <summary>The names used for the first movements, in order, after "rest".</summary>
    public static IReadOnlyList<string> NamedMovements { get; } =
        ["hand-open", "hand-close", "wrist-flexion", "wrist-extension", "pronation", "supination"];

    /// <summary>The embedded default dataset's options.</summary>
    public static SyntheticEmgOptions Default { get; } = new();

    /// <summary>Dataset name. Default "synthetic".</summary>
    public string Name { get; init; } = "synthetic";

    /// <summary>
    /// Electrodes, evenly spaced around the forearm like an armband, named "ch1".."chN" with unit "mV".
    /// Default 8.
    /// </summary>
    public int ChannelCount { get; init; } = 8;

    /// <summary>Sampling rate. Default 1000 Hz. At least 200 Hz and more than 2.5 × <see cref="PeakFrequencyHz"/>.</summary>
    public double SampleRateHz { get; init; } = 1000;

    /// <summary>
    /// Classes including rest (index 0, named "rest"); at least 2. Movements 1..6 are
    /// <see cref="NamedMovements"/> with anatomical activation patterns; further ones are named
    /// "movement-7", "movement-8", … and get random patterns drawn from the seed. Default 7.
    /// </summary>
    public int ClassCount { get; init; } = 7;

    /// <summary>Subjects "s01", "s02", …; each has their own anatomy, electrode placement and gains. Default 4.</summary>
    public int SubjectCount { get; init; } = 4;

    /// <summary>Repetitions of each movement per subject (Trial 1..N), one recording each. Default 6.</summary>
    public int RepetitionCount { get; init; } = 6;

    /// <summary>
    /// Virtual muscles under the electrodes. With 8 (the default) they are the main forearm muscles at
    /// anatomical positions (see <see cref="SyntheticEmg"/>); otherwise they are spread evenly around the
    /// forearm at random depths and every movement gets a random pattern.
    /// </summary>
    public int MuscleCount { get; init; } = 8;

    /// <summary>Rest before the contraction (labelled rest). Default 1000 ms.</summary>
    public double RestBeforeMs { get; init; } = 1000;

    /// <summary>
    /// The contraction, from the start of the onset ramp to the end of the offset ramp (all labelled with
    /// the movement). Default 3000 ms.
    /// </summary>
    public double ContractionMs { get; init; } = 3000;

    /// <summary>Rest after the contraction (labelled rest). Default 1000 ms.</summary>
    public double RestAfterMs { get; init; } = 1000;

    /// <summary>
    /// Nominal onset and offset ramp duration (raised cosine); each ramp draws its own duration uniformly
    /// in [0.5, 1.5] × this, capped at a third of <see cref="ContractionMs"/>. Default 200 ms (so 100–300 ms).
    /// </summary>
    public double RampMs { get; init; } = 200;

    /// <summary>
    /// How hard the classification problem is, 0..1. It scales, together: how much movement patterns
    /// overlap (blend towards their common mean by 0.45 × Difficulty), subject-specific pattern changes,
    /// repetition-to-repetition effort and pattern variability, and the slow within-repetition force
    /// fluctuation. Default 0.5.
    /// </summary>
    public double Difficulty { get; init; } = 0.5;

    /// <summary>
    /// RMS of one muscle's signal at full activation seen by an electrode right above it (before channel
    /// gain). Typical forearm movements activate muscles to 0.3–0.9 of this. Default 1.0 mV.
    /// </summary>
    public double FullActivationRmsMv { get; init; } = 1.0;

    /// <summary>Tonic activation of every muscle at rest, as a fraction of full activation. Default 0.01.</summary>
    public double RestActivationFraction { get; init; } = 0.01;

    /// <summary>
    /// Mean frequency at which a muscle's power spectrum peaks (before fatigue). Each subject and muscle
    /// varies around it (<see cref="PeakFrequencySdHz"/>), deep muscles lower. Default 85 Hz.
    /// </summary>
    public double PeakFrequencyHz { get; init; } = 85;

    /// <summary>Subject-to-subject SD of the spectral peak; muscles vary by half this within a subject. Default 10 Hz.</summary>
    public double PeakFrequencySdHz { get; init; } = 10;

    /// <summary>
    /// Fatigue: fraction by which the spectrum shifts down per repetition already done (repetition r is
    /// scaled by 1 − f·(r − 1)); amplitude grows by half that. Default 0.015.
    /// </summary>
    public double FatigueShiftFractionPerRepetition { get; init; } = 0.015;

    /// <summary>
    /// Angular SD of the Gaussian pick-up profile of a surface muscle around the forearm (deeper muscles are
    /// seen more broadly and more weakly); sets the crosstalk. Default 35 degrees.
    /// </summary>
    public double CrosstalkWidthDeg { get; init; } = 35;

    /// <summary>SD of each subject's armband rotation (all electrodes shifted together). Default 12 degrees.</summary>
    public double ElectrodeRotationSdDeg { get; init; } = 12;

    /// <summary>Log-SD of per-subject, per-channel gain (skin impedance, electrode contact). Default 0.25.</summary>
    public double ChannelGainLogSd { get; init; } = 0.25;

    /// <summary>Log-SD of per-subject muscle strength (amplitude at a given activation). Default 0.25.</summary>
    public double MuscleStrengthLogSd { get; init; } = 0.25;

    /// <summary>White amplifier/electrode noise, RMS per channel. Default 0.005 mV (5 µV).</summary>
    public double SensorNoiseRmsMv { get; init; } = 0.005;

    /// <summary>Power-line frequency: 50 (default) or 60 Hz.</summary>
    public double MainsFrequencyHz { get; init; } = 50;

    /// <summary>
    /// Peak amplitude of the power-line fundamental on a typical channel (each channel scales it by a
    /// log-normal factor, log-SD 0.5, and has its own phase). 0 disables interference. Default 0.02 mV.
    /// </summary>
    public double MainsAmplitudeMv { get; init; } = 0.02;

    /// <summary>
    /// Power-line components: the fundamental and harmonics 2..N (odd harmonic h at 1/h of the fundamental,
    /// even ones at 1/(4h)); components at or above Nyquist are skipped. Default 3.
    /// </summary>
    public int MainsHarmonicCount { get; init; } = 3;

    /// <summary>
    /// RMS of the slow baseline wander (sinusoids between 0.05 and 0.8 Hz per channel) and scale of the
    /// motion-artefact transients at contraction onset and offset. 0 disables both. Default 0.05 mV.
    /// </summary>
    public double BaselineWanderRmsMv { get; init; } = 0.05;

    /// <summary>Population group written to every recording's metadata. Default "healthy".</summary>
    public string Group { get; init; } = "healthy";

    /// <summary>"rest", then <see cref="NamedMovements"/>, then "movement-7"…, <see cref="ClassCount"/> names in all.</summary>
    public IReadOnlyList<string> ClassNames
    {
        get
        {
            var names = new string[Math.Max(ClassCount, 0)];
            for (int k = 0; k < names.Length; k++)
            {
                names[k] = k == 0 ? "rest"
                    : k <= NamedMovements.Count ? NamedMovements[k - 1]
                    : "movement-" + k.ToString(CultureInfo.InvariantCulture);
            }
            return names;
        }
    }

    /// <summary>Samples of rest before the contraction: round(<see cref="RestBeforeMs"/> · fs / 1000).</summary>
    public int RestBeforeSamples => MsToSamples(RestBeforeMs);

    /// <summary>Samples of contraction, ramps included: round(<see cref="ContractionMs"/> · fs / 1000).</summary>
    public int ContractionSamples => MsToSamples(ContractionMs);

    /// <summary>Samples of rest after the contraction: round(<see cref="RestAfterMs"/> · fs / 1000).</summary>
    public int RestAfterSamples => MsToSamples(RestAfterMs);

    /// <summary>Samples per channel in every recording.</summary>
    public int RecordingSamples => RestBeforeSamples + ContractionSamples + RestAfterSamples;

    /// <summary>Recordings generated: subjects × movements × repetitions.</summary>
    public int RecordingCount => SubjectCount * Math.Max(ClassCount - 1, 0) * RepetitionCount;

    /// <summary>
    /// Nominal signal-to-noise ratio: a muscle at full activation right under an electrode versus the
    /// sensor noise, 20·log10(<see cref="FullActivationRmsMv"/> / <see cref="SensorNoiseRmsMv"/>) dB.
    /// </summary>
    public double NominalSnrDb => 20 * Math.Log10(FullActivationRmsMv / SensorNoiseRmsMv);

    /// <summary>Every problem with these options, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
                errors.Add(message);
        }
        static bool Finite(double v) => double.IsFinite(v);

        Check(!string.IsNullOrWhiteSpace(Name), "Name must not be empty.");
        Check(!string.IsNullOrWhiteSpace(Group), "Group must not be empty.");
        Check(ChannelCount is >= 1 and <= 1024, $"ChannelCount must be 1..1024 (was {ChannelCount}).");
        Check(Finite(SampleRateHz) && SampleRateHz >= 200 && SampleRateHz <= 100_000,
            $"SampleRateHz must be 200..100000 (was {SampleRateHz}).");
        Check(ClassCount is >= 2 and <= 1000, $"ClassCount must be 2..1000, rest included (was {ClassCount}).");
        Check(SubjectCount is >= 1 and <= 999, $"SubjectCount must be 1..999 (was {SubjectCount}).");
        Check(RepetitionCount >= 1, $"RepetitionCount must be at least 1 (was {RepetitionCount}).");
        Check(MuscleCount is >= 1 and <= 1024, $"MuscleCount must be 1..1024 (was {MuscleCount}).");
        Check(Finite(RestBeforeMs) && RestBeforeMs is >= 0 and <= MaxPhaseMs, $"RestBeforeMs must be 0..{MaxPhaseMs} (was {RestBeforeMs}).");
        Check(Finite(RestAfterMs) && RestAfterMs is >= 0 and <= MaxPhaseMs, $"RestAfterMs must be 0..{MaxPhaseMs} (was {RestAfterMs}).");
        Check(Finite(ContractionMs) && ContractionMs is > 0 and <= MaxPhaseMs, $"ContractionMs must be in (0, {MaxPhaseMs}] (was {ContractionMs}).");
        Check(Finite(RampMs) && RampMs >= 0, $"RampMs must be ≥ 0 (was {RampMs}).");
        Check(Finite(Difficulty) && Difficulty >= 0 && Difficulty <= 1, $"Difficulty must be 0..1 (was {Difficulty}).");
        Check(Finite(FullActivationRmsMv) && FullActivationRmsMv > 0, $"FullActivationRmsMv must be > 0 (was {FullActivationRmsMv}).");
        Check(Finite(RestActivationFraction) && RestActivationFraction >= 0 && RestActivationFraction < 1,
            $"RestActivationFraction must be in [0, 1) (was {RestActivationFraction}).");
        Check(Finite(PeakFrequencyHz) && PeakFrequencyHz >= 10, $"PeakFrequencyHz must be ≥ 10 (was {PeakFrequencyHz}).");
        Check(!(Finite(SampleRateHz) && Finite(PeakFrequencyHz)) || SampleRateHz > 2.5 * PeakFrequencyHz,
            $"SampleRateHz ({SampleRateHz}) must exceed 2.5 × PeakFrequencyHz ({PeakFrequencyHz}).");
        Check(Finite(PeakFrequencySdHz) && PeakFrequencySdHz >= 0 && PeakFrequencySdHz <= PeakFrequencyHz / 3,
            $"PeakFrequencySdHz must be 0..PeakFrequencyHz/3 (was {PeakFrequencySdHz}).");
        Check(Finite(FatigueShiftFractionPerRepetition) && FatigueShiftFractionPerRepetition >= 0
              && FatigueShiftFractionPerRepetition * (RepetitionCount - 1) < 0.5,
            $"FatigueShiftFractionPerRepetition must be ≥ 0 and shift the last repetition by less than half (was {FatigueShiftFractionPerRepetition}).");
        Check(Finite(CrosstalkWidthDeg) && CrosstalkWidthDeg > 0 && CrosstalkWidthDeg <= 360,
            $"CrosstalkWidthDeg must be in (0, 360] (was {CrosstalkWidthDeg}).");
        Check(Finite(ElectrodeRotationSdDeg) && ElectrodeRotationSdDeg >= 0, $"ElectrodeRotationSdDeg must be ≥ 0 (was {ElectrodeRotationSdDeg}).");
        Check(Finite(ChannelGainLogSd) && ChannelGainLogSd is >= 0 and <= 2, $"ChannelGainLogSd must be 0..2 (was {ChannelGainLogSd}).");
        Check(Finite(MuscleStrengthLogSd) && MuscleStrengthLogSd is >= 0 and <= 2, $"MuscleStrengthLogSd must be 0..2 (was {MuscleStrengthLogSd}).");
        Check(Finite(SensorNoiseRmsMv) && SensorNoiseRmsMv >= 0, $"SensorNoiseRmsMv must be ≥ 0 (was {SensorNoiseRmsMv}).");
        Check(Finite(MainsFrequencyHz) && MainsFrequencyHz > 0, $"MainsFrequencyHz must be > 0, usually 50 or 60 (was {MainsFrequencyHz}).");
        Check(Finite(MainsAmplitudeMv) && MainsAmplitudeMv >= 0, $"MainsAmplitudeMv must be ≥ 0 (was {MainsAmplitudeMv}).");
        Check(MainsHarmonicCount is >= 1 and <= 100, $"MainsHarmonicCount must be 1..100 (was {MainsHarmonicCount}).");
        Check(Finite(BaselineWanderRmsMv) && BaselineWanderRmsMv >= 0, $"BaselineWanderRmsMv must be ≥ 0 (was {BaselineWanderRmsMv}).");
        if (errors.Count == 0)
        {
            Check(RecordingSamples >= 1, "A recording must hold at least one sample.");
            Check((long)RecordingSamples * ChannelCount <= int.MaxValue, "A recording would exceed 2^31 samples.");
        }
        return errors;
    }

    private const double MaxPhaseMs = 3_600_000;

    private int MsToSamples(double ms) => (int)Math.Round(ms * SampleRateHz / 1000.0, MidpointRounding.AwayFromZero);
}
