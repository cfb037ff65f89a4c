namespace SemgKit.Signal.Filters;

/// <summary>
/// A causal, streaming second-order-section filter for one channel: the same recursion as
/// <c>scipy.signal.sosfilt(sos, x)</c> (transposed direct form II, per-section state and arithmetic in double),
/// starting from zero state (scipy's default <c>zi=None</c>). Because the state carries over between calls,
/// any chunking of a signal gives bit-identical output to one call on the whole signal.
/// </summary>
/// <remarks>
/// Work is done over blocks of up to <see cref="BlockSamples"/> samples held in a
/// stack buffer of doubles, two sections at a time (the second one sample behind the first, so their
/// recursions overlap) with state and coefficients in registers.
/// No allocation per <see cref="Process"/> call.
/// </remarks>
public sealed class SosFilter
{
    internal const int BlockSamples = 256;

    private readonly SosSection[] _sections;
    private readonly double[] _state; // z0, z1 per section

    /// <summary>A filter with zero initial state.</summary>
    public SosFilter(Sos sos)
    {
        ArgumentNullException.ThrowIfNull(sos);
        Sos = sos;
        _sections = sos.Sections.ToArray();
        _state = new double[2 * _sections.Length];
    }

    /// <summary>The coefficients.</summary>
    public Sos Sos { get; }

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (same length; may be the same memory).</summary>
    /// <exception cref="ArgumentException">output is shorter than input.</exception>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        Span<double> block = stackalloc double[BlockSamples];
        for (var start = 0; start < input.Length; start += BlockSamples)
        {
            var n = Math.Min(BlockSamples, input.Length - start);
            var b = block[..n];
            var src = input.Slice(start, n);
            for (var i = 0; i < b.Length; i++)
                b[i] = src[i];
            SosKernels.ProcessBlock(_sections, _state, b);
            var dst = output.Slice(start, n);
            for (var i = 0; i < b.Length; i++)
                dst[i] = (float)b[i];
        }
    }

    /// <summary>Filters doubles in place (used by zero-phase filtering and for double-precision callers).</summary>
    internal void ProcessInPlace(Span<double> signal) => SosKernels.ProcessBlock(_sections, _state, signal);

    /// <summary>Sets the state (two values per section, scipy's <c>zi</c> layout); used by zero-phase filtering.</summary>
    internal void SetState(ReadOnlySpan<double> state) => state.CopyTo(_state);

    /// <summary>Clears the state, as for a new recording.</summary>
    public void Reset() => Array.Clear(_state);
}
