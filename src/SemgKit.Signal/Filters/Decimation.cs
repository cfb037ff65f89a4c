namespace SemgKit.Signal.Filters;

/// <summary>
/// Offline downsampling by an integer factor q, as <c>scipy.signal.decimate(x, q, zero_phase=True)</c> does it but with a
/// Butterworth anti-alias filter: zero-phase (<see cref="ZeroPhase"/>) order-8 low-pass at 0.8 × the new Nyquist
/// frequency (scipy's cut-off; scipy uses Chebyshev type I), then every q-th sample from the first, so sample i of the
/// result is sample q·i of the input: ⌈n / q⌉ samples. Not causal: for analysis (e.g. bringing recordings made at
/// different rates to one rate before cutting bursts), never in a path that streams.
/// </summary>
public static class Decimation
{
    /// <summary>Butterworth order of the anti-alias low-pass.</summary>
    public const int FilterOrder = 8;

    /// <summary>The anti-alias cut-off as a fraction of the new Nyquist frequency.</summary>
    public const double CutoffFraction = 0.8;

    /// <summary>The anti-alias low-pass for <paramref name="factor"/> (in units of the input rate: sample rate 1).</summary>
    public static Sos AntiAliasFilter(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 2);
        return Butterworth.LowPass(FilterOrder, CutoffFraction * 0.5 / factor, 1.0);
    }

    /// <summary><paramref name="signal"/> at 1/<paramref name="factor"/> of its rate (factor 1 returns a copy).</summary>
    /// <exception cref="ArgumentException">The signal is too short for the zero-phase filter's padding.</exception>
    public static float[] Apply(ReadOnlySpan<float> signal, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1) return signal.ToArray();
        var filtered = new float[signal.Length];
        ZeroPhase.Apply(AntiAliasFilter(factor), signal, filtered);
        var result = new float[(signal.Length + factor - 1) / factor];
        for (int i = 0; i < result.Length; i++) result[i] = filtered[i * factor];
        return result;
    }
}
