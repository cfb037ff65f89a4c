namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// Everything that is fixed for one subject (and their one session): electrode placement and mixing
/// matrix, channel gains, muscle strengths and spectra, their version of each movement pattern, tonic
/// rest activity, and how power-line interference couples into each channel.
/// </summary>
internal sealed class SubjectModel
{
    public required int Index { get; init; }

    /// <summary>Crosstalk/mixing matrix <c>[channel * MuscleCount + muscle]</c>, 0..1.</summary>
    public required double[] Mixing { get; init; }

    public required double[] ChannelGains { get; init; }

    /// <summary>Corner of the per-channel tissue/electrode low-pass (Hz).</summary>
    public required double[] ChannelLowPassHz { get; init; }

    public required double[] MuscleStrengths { get; init; }

    /// <summary>Spectral peak of each muscle before fatigue (Hz).</summary>
    public required double[] MusclePeakHz { get; init; }

    public required double[] RestActivation { get; init; }

    /// <summary>This subject's activation patterns <c>[movement][muscle]</c> (movement 0 is class 1).</summary>
    public required double[][] Patterns { get; init; }

    /// <summary>Power-line fundamental amplitude per channel (mV).</summary>
    public required double[] MainsAmplitudeMv { get; init; }

    /// <summary>Power-line phase per channel and harmonic <c>[channel * MainsHarmonicCount + h − 1]</c>, in turns.</summary>
    public required double[] MainsPhaseTurns { get; init; }

    public static SubjectModel Create(
        SyntheticEmgOptions options, int seed, int subject, double[] muscleAnglesDeg, double[] muscleDepths, double[][] patterns)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, StreamTags.Subject, subject);
        int channels = options.ChannelCount, muscles = options.MuscleCount;
        double d = options.Difficulty;

        // Electrode placement: an armband rotated as a whole, each electrode a little off its nominal spot.
        double rotation = rng.Normal(0, options.ElectrodeRotationSdDeg);
        var electrodeDeg = new double[channels];
        for (int c = 0; c < channels; c++)
            electrodeDeg[c] = 360.0 * c / channels + rotation + rng.Normal(0, 3);

        // Anatomy: muscle positions and crosstalk width differ a little between forearms.
        var muscleDeg = new double[muscles];
        for (int m = 0; m < muscles; m++)
            muscleDeg[m] = muscleAnglesDeg[m] + rng.Normal(0, 6);
        double width = options.CrosstalkWidthDeg * rng.LogNormalFactor(0.1);

        var mixing = new double[channels * muscles];
        for (int c = 0; c < channels; c++)
        {
            for (int m = 0; m < muscles; m++)
            {
                double delta = AngularDistanceDeg(electrodeDeg[c], muscleDeg[m]);
                double sigma = width * (1 + muscleDepths[m]);
                mixing[c * muscles + m] = (1 - 0.6 * muscleDepths[m]) * PortableMath.Exp(-delta * delta / (2 * sigma * sigma));
            }
        }

        var gains = new double[channels];
        var lowPass = new double[channels];
        double lowPassMax = 0.45 * options.SampleRateHz;
        for (int c = 0; c < channels; c++)
        {
            gains[c] = rng.LogNormalFactor(options.ChannelGainLogSd);
            lowPass[c] = Math.Min(3.5 * options.PeakFrequencyHz * rng.LogNormalFactor(0.15), lowPassMax);
        }

        double subjectPeak = options.PeakFrequencyHz + rng.Normal(0, options.PeakFrequencySdHz);
        var strengths = new double[muscles];
        var peaks = new double[muscles];
        var rest = new double[muscles];
        for (int m = 0; m < muscles; m++)
        {
            strengths[m] = rng.LogNormalFactor(options.MuscleStrengthLogSd);
            double peak = (subjectPeak + rng.Normal(0, options.PeakFrequencySdHz / 2)) * (1 - 0.15 * muscleDepths[m]);
            peaks[m] = Math.Clamp(peak, 0.3 * options.PeakFrequencyHz, 1.7 * options.PeakFrequencyHz);
            rest[m] = options.RestActivationFraction * rng.LogNormalFactor(0.3);
        }

        // The subject's own way of doing each movement.
        var own = new double[patterns.Length][];
        for (int j = 0; j < patterns.Length; j++)
        {
            own[j] = new double[muscles];
            for (int m = 0; m < muscles; m++)
            {
                double a = patterns[j][m] * rng.LogNormalFactor(0.35 * d) + rng.Normal(0, 0.05 * d);
                own[j][m] = Math.Clamp(a, 0, 1);
            }
        }

        int harmonics = options.MainsHarmonicCount;
        var mainsAmplitude = new double[channels];
        var mainsPhase = new double[channels * harmonics];
        for (int c = 0; c < channels; c++)
        {
            mainsAmplitude[c] = options.MainsAmplitudeMv * rng.LogNormalFactor(0.5);
            for (int h = 0; h < harmonics; h++)
                mainsPhase[c * harmonics + h] = rng.NextDouble();
        }

        return new SubjectModel
        {
            Index = subject,
            Mixing = mixing,
            ChannelGains = gains,
            ChannelLowPassHz = lowPass,
            MuscleStrengths = strengths,
            MusclePeakHz = peaks,
            RestActivation = rest,
            Patterns = own,
            MainsAmplitudeMv = mainsAmplitude,
            MainsPhaseTurns = mainsPhase,
        };
    }

    private static double AngularDistanceDeg(double a, double b)
    {
        double d = Math.Abs(a - b) % 360.0;
        return d > 180 ? 360 - d : d;
    }
}
