namespace SemgKit.Signal.Filters;

/// <summary>
/// Power-line interference removal: a cascade of <see cref="Notch"/> sections at the mains frequency and
/// each harmonic strictly below Nyquist (e.g. 50, 100, …, 450 Hz at 1000 Hz), every notch with the same
/// quality factor (so the bandwidth of the h-th notch is h·mainsHz / qualityFactor). Equivalent to
/// cascading <c>scipy.signal.iirnotch(h*mains, Q, fs)</c> for h = 1, 2, ….
/// </summary>
public static class PowerLineComb
{
    /// <summary>The notch cascade for <paramref name="mainsHz"/> (50 or 60) and its harmonics below sampleRateHz/2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mainsHz is not 50 or 60, qualityFactor is not positive, or mainsHz ≥ sampleRateHz/2.</exception>
    public static Sos Design(double mainsHz, double qualityFactor, double sampleRateHz)
    {
        if (mainsHz is not (50.0 or 60.0))
            throw new ArgumentOutOfRangeException(nameof(mainsHz), mainsHz, $"The mains frequency must be 50 Hz or 60 Hz; got {mainsHz:G} Hz.");
        FilterArguments.SampleRate(sampleRateHz);
        if (!(qualityFactor > 0) || !double.IsFinite(qualityFactor))
            throw new ArgumentOutOfRangeException(nameof(qualityFactor), qualityFactor, $"The quality factor must be positive; got {qualityFactor}.");
        var nyquist = sampleRateHz / 2;
        if (mainsHz >= nyquist)
            throw new ArgumentOutOfRangeException(nameof(mainsHz), mainsHz,
                $"mainsHz ({mainsHz:G} Hz) must be below the Nyquist frequency {nyquist:G} Hz (sampleRateHz {sampleRateHz:G} Hz / 2).");
        var sections = new List<SosSection>();
        for (var h = 1; h * mainsHz < nyquist; h++)
            sections.Add(Notch.Section(h * mainsHz, qualityFactor, sampleRateHz));
        return Sos.Wrap([.. sections]);
    }
}
