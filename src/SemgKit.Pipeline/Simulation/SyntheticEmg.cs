using System.Globalization;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// Generates synthetic multi-channel forearm sEMG for pattern recognition: SemgKit's embedded default
/// dataset (<see cref="SyntheticEmgOptions.Default"/>), and a controllable test bed for every other part
/// of the toolkit.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> One recording per (subject, movement, repetition): <see cref="SyntheticEmgOptions.RestBeforeMs"/>
/// of rest, the contraction (<see cref="SyntheticEmgOptions.ContractionMs"/>, onset and offset ramps
/// included), then <see cref="SyntheticEmgOptions.RestAfterMs"/> of rest. Labels: samples
/// <c>[RestBeforeSamples, RestBeforeSamples + ContractionSamples)</c> carry the movement's class index —
/// from the first sample of the onset ramp to the last sample of the offset ramp — and every other sample is
/// "rest" (class 0). There are no rest-only recordings; rest is learnt from the rest around each contraction.
/// Recordings are ordered by subject, then movement, then repetition. Metadata: Subject "s01", "s02", …,
/// Session "1", Trial = repetition (1-based), Group <see cref="SyntheticEmgOptions.Group"/>, Source
/// "synthetic/s01/hand-open/rep3", Extra "movement", "seed" and "generator". Channels "ch1".."chN" in mV.</para>
///
/// <para><b>Muscles and movements.</b> A handful of virtual muscles lie around the forearm (by default the
/// eight main forearm muscles at anatomical angles and depths: flexor digitorum superficialis, flexor carpi
/// radialis and ulnaris, pronator teres, extensor carpi radialis, supinator, extensor digitorum, extensor
/// carpi ulnaris). Each movement is a pattern of activation levels over these muscles (hand-close drives
/// the finger flexors, wrist-extension the wrist extensors, pronation the pronator, and so on, with
/// co-contraction of antagonists). <see cref="SyntheticEmgOptions.Difficulty"/> blends the patterns towards
/// each other.</para>
///
/// <para><b>Each muscle's signal</b> is white Gaussian noise shaped to the classic sEMG spectrum of Shwedyk,
/// Balasubramanian &amp; Scott (1977), |H(f)|² ∝ f²/((f² + fl²)(f² + fh²)²), which rises from zero at DC,
/// peaks (about 85 Hz by default, inside the 50–150 Hz band De Luca (1997) reports for surface EMG) and
/// falls off above ~150 Hz, multiplied by an amplitude envelope — the standard "amplitude-modulated
/// band-limited noise" model of surface EMG. The envelope is tonic rest activity outside the contraction;
/// inside it rises along a raised-cosine ramp of 100–300 ms to the movement's activation level, scaled by
/// the repetition's effort, wobbles slowly (0.2–1.5 Hz force fluctuation, common drive plus each
/// muscle's own), and falls back along a second ramp. Amplitude is proportional to activation.</para>
///
/// <para><b>Electrodes and crosstalk.</b> Electrodes sit evenly around the forearm like an armband. An
/// electrode sees every muscle with a weight that falls off as a Gaussian of the angle between them
/// (<see cref="SyntheticEmgOptions.CrosstalkWidthDeg"/>); deep muscles are seen more weakly and more
/// broadly — volume conduction makes crosstalk a real, unavoidable part of sEMG (Farina et al. 2004). Each
/// channel then passes a mild first-order low-pass (tissue and electrode filtering, corner around
/// 3.5 × the spectral peak) and its own gain (skin–electrode contact).</para>
///
/// <para><b>Subjects</b> differ in: armband rotation and individual electrode offsets (hence the mixing
/// matrix; electrode shift is the classic cause of cross-session degradation, Hargrove et al. 2008), muscle
/// positions and crosstalk width, channel gains, muscle strengths, each muscle's spectral peak
/// (<see cref="SyntheticEmgOptions.PeakFrequencySdHz"/>), tonic rest level, and their own version of each
/// movement pattern. <b>Repetitions</b> differ in effort, the balance between muscles, ramp durations and
/// the fluctuation; fatigue shifts the spectrum of later repetitions down (compression of the spectrum as
/// conduction velocity falls, Lindström &amp; Magnusson 1977) and raises amplitude slightly.</para>
///
/// <para><b>Interference and noise</b> (Clancy et al. 2002): power-line interference at
/// <see cref="SyntheticEmgOptions.MainsFrequencyHz"/> and its harmonics, with per-channel amplitude and
/// phase; baseline wander below 1 Hz plus motion-artefact transients (alpha functions of 60–200 ms) at
/// contraction onset and offset; and white sensor noise. The samples are raw — as an amplifier would
/// deliver them — so the usual 20–450 Hz band-pass and notch filters have something to do.</para>
///
/// <para><b>Reproducibility.</b> Output depends only on the options and the seed: bitwise identical on every
/// machine, runtime and degree of parallelism. Randomness comes from xoshiro256** sub-streams derived from
/// (seed, part, subject, class, repetition), never <see cref="System.Random"/>, and every transcendental
/// function that reaches the samples is computed with plain IEEE arithmetic rather than the platform's
/// maths library. Recordings are generated in parallel.</para>
///
/// <para>References: C. J. De Luca, "The use of surface electromyography in biomechanics", J. Appl.
/// Biomech. 13 (1997) 135–163. E. Shwedyk, R. Balasubramanian, R. N. Scott, "A nonstationary model for the
/// electromyogram", IEEE Trans. Biomed. Eng. 24 (1977) 417–424. L. Lindström, R. Magnusson,
/// "Interpretation of myoelectric power spectra: a model and its applications", Proc. IEEE 65 (1977)
/// 653–662. D. Farina, R. Merletti, B. Indino, T. Graven-Nielsen, "Surface EMG crosstalk evaluated from
/// experimental recordings and simulated signals", Methods Inf. Med. 43 (2004) 30–35. L. Hargrove,
/// K. Englehart, B. Hudgins, "A training strategy to reduce classification degradation due to electrode
/// displacements in pattern recognition based myoelectric control", Biomed. Signal Process. Control 3
/// (2008) 175–180. E. A. Clancy, E. L. Morin, R. Merletti, "Sampling, noise-reduction and amplitude
/// estimation issues in surface electromyography", J. Electromyogr. Kinesiol. 12 (2002) 1–16.</para>
/// </remarks>
public static class SyntheticEmg
{
    /// <summary>
    /// Simulates <see cref="SyntheticEmgOptions.RecordingCount"/> recordings as described in the remarks.
    /// </summary>
    /// <param name="options">What to simulate; <see cref="SyntheticEmgOptions.Default"/> is the demo dataset.</param>
    /// <param name="seed">Everything random derives from this; the same seed gives bitwise the same dataset.</param>
    /// <param name="cancellationToken">Checked between recordings.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Dataset Generate(SyntheticEmgOptions options, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid synthetic EMG options: " + string.Join(" ", errors), nameof(options));
        cancellationToken.ThrowIfCancellationRequested();

        var classNames = options.ClassNames;
        var channelNames = Enumerable.Range(1, options.ChannelCount)
            .Select(c => "ch" + c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var channelUnits = Enumerable.Repeat("mV", options.ChannelCount).ToArray();

        var (muscleAngles, muscleDepths) = ForearmAnatomy.Muscles(options.MuscleCount, seed);
        var patterns = ForearmAnatomy.MovementPatterns(options.ClassCount, options.MuscleCount, 0.45 * options.Difficulty, seed);
        var subjects = new SubjectModel[options.SubjectCount];
        for (int s = 0; s < subjects.Length; s++)
            subjects[s] = SubjectModel.Create(options, seed, s, muscleAngles, muscleDepths, patterns);

        int movements = options.ClassCount - 1, repetitions = options.RepetitionCount;
        var recordings = new Recording[options.RecordingCount];
        Parallel.For(
            0,
            recordings.Length,
            new ParallelOptions { CancellationToken = cancellationToken },
            i =>
            {
                int subject = i / (movements * repetitions);
                int classIndex = 1 + i / repetitions % movements;
                int repetition = 1 + i % repetitions;
                recordings[i] = RecordingSynthesizer.Synthesize(
                    options, seed, subjects[subject], classIndex, repetition, channelNames, channelUnits, classNames);
            });

        var inv = CultureInfo.InvariantCulture;
        string[] notes =
        [
            string.Create(inv, $"Synthetic sEMG (SemgKit SyntheticEmg), seed {seed}: {options.SubjectCount} subjects × {movements} movements × {repetitions} repetitions, {options.ChannelCount} channels at {options.SampleRateHz} Hz, difficulty {options.Difficulty}."),
            string.Create(inv, $"Each recording: {options.RestBeforeSamples} samples rest, {options.ContractionSamples} samples movement (ramps included), {options.RestAfterSamples} samples rest."),
        ];
        return new Dataset(options.Name, classNames, recordings, source: null, notes: notes);
    }

    /// <summary>Subject identifier for a 0-based subject index: "s01", "s02", …</summary>
    internal static string SubjectName(int index) => "s" + (index + 1).ToString("00", CultureInfo.InvariantCulture);
}
