using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Simulation;

/// <summary>Synthesises one recording (one repetition of one movement with its surrounding rest).</summary>
internal static class RecordingSynthesizer
{
    /// <summary>Samples the shaping filters run on before the recording starts, so they start warm.</summary>
    private const int WarmUpSamples = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Recording Synthesize(
        SyntheticEmgOptions options,
        int seed,
        SubjectModel subject,
        int classIndex,
        int repetition,
        IReadOnlyList<string> channelNames,
        IReadOnlyList<string> channelUnits,
        IReadOnlyList<string> classNames)
    {
        int channels = options.ChannelCount, muscles = options.MuscleCount;
        int n = options.RecordingSamples;
        int onset = options.RestBeforeSamples, contraction = options.ContractionSamples;
        double fs = options.SampleRateHz, d = options.Difficulty;
        var rng = Xoshiro256StarStar.ForStream(seed, StreamTags.Recording, subject.Index, classIndex, repetition);

        // ---- Repetition-level variation -------------------------------------------------------------
        double effort = rng.LogNormalFactor(0.05 + 0.25 * d);
        double fluctuationDepth = 0.04 + 0.2 * d;
        double fatigue = options.FatigueShiftFractionPerRepetition * (repetition - 1);
        double frequencyScale = 1 - fatigue;
        double amplitudeScale = 1 + 0.5 * fatigue;
        double maxRampMs = options.ContractionMs / 3;
        int rampUp = RampSamples(Math.Min(options.RampMs * rng.Uniform(0.5, 1.5), maxRampMs), fs, contraction);
        int rampDown = RampSamples(Math.Min(options.RampMs * rng.Uniform(0.5, 1.5), maxRampMs), fs, contraction);
        var pattern = subject.Patterns[classIndex - 1];
        var target = new double[muscles];
        for (int m = 0; m < muscles; m++)
            target[m] = Math.Clamp(pattern[m] * effort * rng.LogNormalFactor(0.05 + 0.25 * d), 0, 1);

        // Raised-cosine ramps: 0 → 1 over the onset, 1 → 0 over the offset, inside the labelled interval.
        var ramp = new double[contraction];
        for (int i = 0; i < contraction; i++)
        {
            double r = 1;
            if (i < rampUp)
                r = 0.5 - 0.5 * PortableMath.CosTurns(0.5 * (i + 0.5) / rampUp);
            int fromEnd = contraction - 1 - i;
            if (fromEnd < rampDown)
                r = Math.Min(r, 0.5 - 0.5 * PortableMath.CosTurns(0.5 * (fromEnd + 0.5) / rampDown));
            ramp[i] = r;
        }

        // Slow force fluctuation: a drive common to all muscles plus each muscle's own, 0.2–1.5 Hz.
        var common = SlowFluctuation(ref rng, fs, contraction);

        var pool = ArrayPool<double>.Shared;
        double[] source = pool.Rent(n + WarmUpSamples);
        double[] mixed = pool.Rent(channels * n);
        try
        {
            Array.Clear(mixed, 0, channels * n);
            var noiseRng = Xoshiro256StarStar.ForStream(seed, StreamTags.SourceNoise, subject.Index, classIndex, repetition);
            double amplitudeMv = options.FullActivationRmsMv * amplitudeScale;
            for (int m = 0; m < muscles; m++)
            {
                var own = SlowFluctuation(ref rng, fs, contraction);
                ShapedNoise(ref noiseRng, subject.MusclePeakHz[m] * frequencyScale, fs, source.AsSpan(0, n + WarmUpSamples));
                var s = source.AsSpan(WarmUpSamples, n);

                double scale = amplitudeMv * subject.MuscleStrengths[m];
                double rest = subject.RestActivation[m];
                for (int t = 0; t < n; t++)
                {
                    double level = rest;
                    int i = t - onset;
                    if ((uint)i < (uint)contraction)
                    {
                        double drive = Math.Max(0, 1 + fluctuationDepth * (0.7 * common[i] + 0.7 * own[i]));
                        level = Math.Max(0, rest + (target[m] * drive - rest) * ramp[i]);
                    }
                    s[t] *= scale * level;
                }
                for (int c = 0; c < channels; c++)
                {
                    double w = subject.Mixing[c * muscles + m];
                    var row = mixed.AsSpan(c * n, n);
                    for (int t = 0; t < n; t++)
                        row[t] += w * s[t];
                }
            }

            var samples = new float[channels * n];
            var sensorRng = Xoshiro256StarStar.ForStream(seed, StreamTags.SensorNoise, subject.Index, classIndex, repetition);
            double mainsPhase = rng.NextDouble();
            double motionCommonOnset = rng.NextNormal(), motionCommonOffset = rng.NextNormal();
            double motionTauOnsetMs = rng.Uniform(60, 200), motionTauOffsetMs = rng.Uniform(60, 200);
            for (int c = 0; c < channels; c++)
            {
                var row = mixed.AsSpan(c * n, n);
                var output = samples.AsSpan(c * n, n);
                var tissue = FirstOrderSection.LowPass(subject.ChannelLowPassHz[c], fs);
                double gain = subject.ChannelGains[c];
                for (int t = 0; t < n; t++)
                    row[t] = gain * tissue.Process(row[t]) + options.SensorNoiseRmsMv * sensorRng.NextNormal();

                AddMains(options, subject, c, mainsPhase, row);
                if (options.BaselineWanderRmsMv > 0)
                {
                    AddWander(ref rng, options.BaselineWanderRmsMv, fs, row);
                    double scaleOnset = options.BaselineWanderRmsMv * 1.5 * (motionCommonOnset + 0.5 * rng.NextNormal());
                    double scaleOffset = options.BaselineWanderRmsMv * 1.5 * (motionCommonOffset + 0.5 * rng.NextNormal());
                    AddMotionTransient(row, onset, scaleOnset, motionTauOnsetMs * fs / 1000);
                    AddMotionTransient(row, onset + contraction - rampDown, scaleOffset, motionTauOffsetMs * fs / 1000);
                }
                for (int t = 0; t < n; t++)
                    output[t] = (float)row[t];
            }

            var labels = Recording.ConstantLabels(n, 0);
            labels.AsSpan(onset, contraction).Fill(classIndex);
            string subjectName = SyntheticEmg.SubjectName(subject.Index);
            string movement = classNames[classIndex];
            var metadata = new RecordingMetadata(
                Source: $"{options.Name}/{subjectName}/{movement}/rep{repetition.ToString(CultureInfo.InvariantCulture)}",
                Subject: subjectName,
                Session: "1",
                Trial: repetition,
                Group: options.Group)
            {
                Extra = new Dictionary<string, string>
                {
                    ["movement"] = movement,
                    ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                    ["generator"] = "SemgKit.SyntheticEmg",
                },
            };
            return new Recording(samples, fs, channelNames, labels, metadata, channelUnits);
        }
        finally
        {
            pool.Return(source);
            pool.Return(mixed);
        }
    }

    private static int RampSamples(double ms, double fs, int contraction) =>
        Math.Min((int)Math.Round(ms * fs / 1000, MidpointRounding.AwayFromZero), contraction / 3);

    /// <summary>
    /// Unit-variance Gaussian noise shaped to the Shwedyk et al. (1977) sEMG spectrum
    /// |H(f)|² ∝ f² / ((f² + fl²)(f² + fh²)²) with fh = 2·fl, which peaks at 1.089·fl; fl is set so the
    /// peak falls at <paramref name="peakHz"/>. Realised as a first-order high-pass at fl and two
    /// first-order low-passes at fh; the variance is normalised by the cascade's noise gain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShapedNoise(ref Xoshiro256StarStar rng, double peakHz, double fs, Span<double> destination)
    {
        double low = peakHz / 1.0894;
        double high = Math.Min(2 * low, 0.45 * fs);
        var hp = FirstOrderSection.HighPass(low, fs);
        var lp1 = FirstOrderSection.LowPass(high, fs);
        var lp2 = FirstOrderSection.LowPass(high, fs);

        // Noise gain: energy of the impulse response (it decays within a few periods of fl).
        var hpI = hp;
        var lp1I = lp1;
        var lp2I = lp2;
        double energy = 0;
        int length = (int)(40 * fs / low) + 64;
        for (int i = 0; i < length; i++)
        {
            double h = lp2I.Process(lp1I.Process(hpI.Process(i == 0 ? 1.0 : 0.0)));
            energy += h * h;
        }
        double normalise = 1 / Math.Sqrt(energy);

        for (int i = 0; i < destination.Length; i++)
            destination[i] = normalise * lp2.Process(lp1.Process(hp.Process(rng.NextNormal())));
    }

    /// <summary>Three sinusoids at 0.2–1.5 Hz with random phases, RMS 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] SlowFluctuation(ref Xoshiro256StarStar rng, double fs, int length)
    {
        var result = new double[length];
        for (int j = 0; j < 3; j++)
        {
            var osc = new Oscillator(Math.Sqrt(2.0 / 3.0), rng.Uniform(0.2, 1.5), rng.NextDouble(), fs);
            for (int i = 0; i < length; i++)
                result[i] += osc.Next();
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddMains(SyntheticEmgOptions options, SubjectModel subject, int channel, double recordingPhase, Span<double> row)
    {
        double amplitude = subject.MainsAmplitudeMv[channel];
        if (amplitude == 0)
            return;
        int harmonics = options.MainsHarmonicCount;
        for (int h = 1; h <= harmonics; h++)
        {
            double frequency = h * options.MainsFrequencyHz;
            if (frequency >= options.SampleRateHz / 2)
                break;
            double a = h % 2 == 1 ? amplitude / h : amplitude / (4.0 * h);
            double phase = recordingPhase * h + subject.MainsPhaseTurns[channel * harmonics + h - 1];
            var osc = new Oscillator(a, frequency, phase, options.SampleRateHz);
            for (int t = 0; t < row.Length; t++)
                row[t] += osc.Next();
        }
    }

    /// <summary>Baseline wander: three sinusoids at 0.05–0.8 Hz, total RMS <paramref name="rmsMv"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddWander(ref Xoshiro256StarStar rng, double rmsMv, double fs, Span<double> row)
    {
        for (int j = 0; j < 3; j++)
        {
            var osc = new Oscillator(rmsMv * Math.Sqrt(2.0 / 3.0), rng.Uniform(0.05, 0.8), rng.NextDouble(), fs);
            for (int t = 0; t < row.Length; t++)
                row[t] += osc.Next();
        }
    }

    /// <summary>
    /// A motion-artefact-like transient starting at <paramref name="start"/>: the alpha function
    /// A·(u/τ)·e^(1 − u/τ), which peaks at A when u = τ (τ of 60–200 ms keeps it below ~5 Hz).
    /// </summary>
    private static void AddMotionTransient(Span<double> row, int start, double amplitude, double tauSamples)
    {
        if (start >= row.Length || tauSamples <= 0)
            return;
        double decay = PortableMath.Exp(-1 / tauSamples);
        double e = PortableMath.Exp(1); // e^(1 − u/τ) at u = 0
        int end = Math.Min(row.Length, start + (int)(12 * tauSamples));
        for (int t = start; t < end; t++)
        {
            double u = t - start;
            row[t] += amplitude * (u / tauSamples) * e;
            e *= decay;
        }
    }
}
