using SemgKit.Signal.Filters;

namespace SemgKit.Signal.Envelopes;

/// <summary>
/// The linear envelope: full-wave rectification followed by a causal Butterworth low-pass, i.e.
/// <c>scipy.signal.sosfilt(butter(order, cutoffHz, 'low', fs=fs, output='sos'), abs(x))</c> (zero initial state).
/// Streaming through <see cref="SosFilter"/>, so any chunking gives bit-identical output. Allocates nothing per call.
/// </summary>
public sealed class LinearEnvelope
{
    private readonly SosFilter _filter;

    /// <summary>An envelope with a low-pass of <paramref name="order"/> at <paramref name="cutoffHz"/> (commonly 2nd–4th order, 3–10 Hz).</summary>
    public LinearEnvelope(int order, double cutoffHz, double sampleRateHz)
    {
        _filter = new SosFilter(Butterworth.LowPass(order, cutoffHz, sampleRateHz));
    }

    /// <summary>The low-pass coefficients.</summary>
    public Sos Sos => _filter.Sos;

    /// <summary>Processes <paramref name="input"/> into <paramref name="output"/> (same length, may be the same memory).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        Rectification.FullWave(input, output);
        _filter.Process(output[..input.Length], output);
    }

    /// <summary>Clears the filter state.</summary>
    public void Reset() => _filter.Reset();
}
