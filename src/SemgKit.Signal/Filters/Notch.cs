namespace SemgKit.Signal.Filters;

/// <summary>
/// Second-order IIR notch, the same coefficients as <c>scipy.signal.iirnotch(frequencyHz, qualityFactor, fs=sampleRateHz)</c>
/// (Orfanidis, <i>Introduction to Signal Processing</i>, §11.3): −3 dB bandwidth = frequencyHz / qualityFactor,
/// unit gain at DC and Nyquist, a zero pair on the unit circle at frequencyHz.
/// </summary>
public static class Notch
{
    /// <summary>One section rejecting <paramref name="frequencyHz"/> with −3 dB bandwidth frequencyHz / qualityFactor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">frequencyHz not in (0, sampleRateHz/2), or qualityFactor not positive.</exception>
    public static Sos Design(double frequencyHz, double qualityFactor, double sampleRateHz)
    {
        FilterArguments.SampleRate(sampleRateHz);
        FilterArguments.Frequency(frequencyHz, sampleRateHz, nameof(frequencyHz));
        if (!(qualityFactor > 0) || !double.IsFinite(qualityFactor))
            throw new ArgumentOutOfRangeException(nameof(qualityFactor), qualityFactor, $"The quality factor must be positive; got {qualityFactor}.");
        return Sos.Wrap([Section(frequencyHz, qualityFactor, sampleRateHz)]);
    }

    internal static SosSection Section(double frequencyHz, double qualityFactor, double sampleRateHz)
    {
        var w0 = 2 * frequencyHz / sampleRateHz;
        var bw = w0 / qualityFactor * Math.PI;
        w0 *= Math.PI;
        var gb = 1 / Math.Sqrt(2);
        var beta = (Math.Sqrt(1.0 - Math.Pow(gb, 2.0)) / gb) * Math.Tan(bw / 2.0);
        var gain = 1.0 / (1.0 + beta);
        var c = Math.Cos(w0);
        return new SosSection(gain, gain * (-2.0 * c), gain, -2.0 * gain * c, 2.0 * gain - 1.0);
    }
}
