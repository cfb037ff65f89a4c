namespace SemgKit.Signal.Filters;

/// <summary>
/// Digital Butterworth filters as second-order sections. Each method returns the same coefficients as
/// <c>scipy.signal.butter(order, Wn, btype, fs=sampleRateHz, output='sos')</c> (to ~1e-10 relative):
/// analog prototype (zeros, poles, gain) → frequency transform at the prewarped edges
/// 2·fs·tan(π·f/fs) → bilinear transform → <c>zpk2sos</c> with scipy's 'nearest' pairing (gain folded
/// into the first section). Band-pass and band-stop designs have 2·order poles.
/// </summary>
public static class Butterworth
{
    /// <summary>Low-pass of <paramref name="order"/> with its −3 dB point at <paramref name="cutoffHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order outside 1..32, or cutoffHz not in (0, sampleRateHz/2).</exception>
    public static Sos LowPass(int order, double cutoffHz, double sampleRateHz)
    {
        Check(order, sampleRateHz);
        FilterArguments.Frequency(cutoffHz, sampleRateHz, nameof(cutoffHz));
        var zpk = ZpkDesign.LowPass(ZpkDesign.ButterworthPrototype(order), Warp(cutoffHz, sampleRateHz));
        return Finish(zpk);
    }

    /// <summary>High-pass of <paramref name="order"/> with its −3 dB point at <paramref name="cutoffHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order outside 1..32, or cutoffHz not in (0, sampleRateHz/2).</exception>
    public static Sos HighPass(int order, double cutoffHz, double sampleRateHz)
    {
        Check(order, sampleRateHz);
        FilterArguments.Frequency(cutoffHz, sampleRateHz, nameof(cutoffHz));
        var zpk = ZpkDesign.HighPass(ZpkDesign.ButterworthPrototype(order), Warp(cutoffHz, sampleRateHz));
        return Finish(zpk);
    }

    /// <summary>Band-pass passing <paramref name="lowHz"/>..<paramref name="highHz"/> (−3 dB edges); 2·order poles.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order outside 1..32, an edge not in (0, sampleRateHz/2), or lowHz ≥ highHz.</exception>
    public static Sos BandPass(int order, double lowHz, double highHz, double sampleRateHz)
    {
        Check(order, sampleRateHz);
        FilterArguments.Band(lowHz, highHz, sampleRateHz, nameof(lowHz), nameof(highHz));
        var (wo, bw) = Edges(lowHz, highHz, sampleRateHz);
        return Finish(ZpkDesign.BandPass(ZpkDesign.ButterworthPrototype(order), wo, bw));
    }

    /// <summary>Band-stop rejecting <paramref name="lowHz"/>..<paramref name="highHz"/> (−3 dB edges); 2·order poles.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order outside 1..32, an edge not in (0, sampleRateHz/2), or lowHz ≥ highHz.</exception>
    public static Sos BandStop(int order, double lowHz, double highHz, double sampleRateHz)
    {
        Check(order, sampleRateHz);
        FilterArguments.Band(lowHz, highHz, sampleRateHz, nameof(lowHz), nameof(highHz));
        var (wo, bw) = Edges(lowHz, highHz, sampleRateHz);
        return Finish(ZpkDesign.BandStop(ZpkDesign.ButterworthPrototype(order), wo, bw));
    }

    private static void Check(int order, double sampleRateHz)
    {
        FilterArguments.Order(order);
        FilterArguments.SampleRate(sampleRateHz);
    }

    // scipy normalises Wn = 2f/fs and designs with fs = 2: warped = 2·fs·tan(π·Wn/fs) = 4·tan(π·Wn/2).
    private static double Warp(double frequencyHz, double sampleRateHz) => 4.0 * Math.Tan(Math.PI * (2 * frequencyHz / sampleRateHz) / 2.0);

    private static (double Wo, double Bw) Edges(double lowHz, double highHz, double sampleRateHz)
    {
        var w0 = Warp(lowHz, sampleRateHz);
        var w1 = Warp(highHz, sampleRateHz);
        return (Math.Sqrt(w0 * w1), w1 - w0);
    }

    private static Sos Finish(ZpkDesign.Zpk analog) => Sos.Wrap(ZpkDesign.ToSos(ZpkDesign.Bilinear(analog, 2.0)));
}
