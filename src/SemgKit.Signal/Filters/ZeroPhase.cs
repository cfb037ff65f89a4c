namespace SemgKit.Signal.Filters;

/// <summary>
/// Forward-backward (zero-phase) filtering for analysis and for reproducing papers that used it: equal to
/// <c>scipy.signal.sosfiltfilt(sos, x)</c> with its defaults (padtype='odd',
/// padlen = 3·(2·S + 1 − min(#sections with b2 = 0, #sections with a2 = 0)), initial conditions from
/// <c>sosfilt_zi</c> scaled by the first sample of each pass). Not causal: never use it in a path that
/// trains or streams.
/// </summary>
public static class ZeroPhase
{
    /// <summary>scipy's default pad length for <paramref name="sos"/>.</summary>
    public static int PadLength(Sos sos)
    {
        ArgumentNullException.ThrowIfNull(sos);
        int zeroB2 = 0, zeroA2 = 0;
        foreach (var q in sos.Sections)
        {
            if (q.B2 == 0)
                zeroB2++;
            if (q.A2 == 0)
                zeroA2++;
        }
        var taps = 2 * sos.SectionCount + 1 - Math.Min(zeroB2, zeroA2);
        return 3 * taps;
    }

    /// <summary>
    /// The steady-state initial conditions for a unit step (scipy <c>sosfilt_zi</c>), two values per section.
    /// </summary>
    public static double[] StepInitialState(Sos sos)
    {
        ArgumentNullException.ThrowIfNull(sos);
        var zi = new double[2 * sos.SectionCount];
        var scale = 1.0;
        for (var s = 0; s < sos.SectionCount; s++)
        {
            var q = sos[s];
            // lfilter_zi for a second-order section: solve (I - companion(a)ᵀ) zi = b[1:] - a[1:]·b0.
            var r0 = q.B1 - q.A1 * q.B0;
            var r1 = q.B2 - q.A2 * q.B0;
            var z0 = (r0 + r1) / (1 + q.A1 + q.A2);
            var z1 = r1 - q.A2 * z0;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (q.B0 + q.B1 + q.B2) / (1 + q.A1 + q.A2);
        }
        return zi;
    }

    /// <summary>
    /// Filters <paramref name="input"/> forwards then backwards into <paramref name="output"/> (same length;
    /// may be the same memory). Allocates working buffers of input.Length + 2·padlen doubles.
    /// </summary>
    /// <exception cref="ArgumentException">The input has padlen samples or fewer (scipy's rule), or output is shorter than input.</exception>
    public static void Apply(Sos sos, ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        Filter(new Work(sos, input.Length), input, 0, 1, output);
    }

    /// <summary>
    /// Zero-phase filtering of every channel of a channel-major block (<paramref name="channels"/> runs of T samples), each as
    /// <see cref="Apply"/>: <c>scipy.signal.sosfiltfilt(sos, x, axis=-1)</c> on a (C, T) array. Output may be the same memory.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of the channel count, T ≤ padlen, or the output is shorter.</exception>
    public static void ApplyChannelMajor(Sos sos, ReadOnlySpan<float> input, int channels, Span<float> output)
    {
        int samples = SamplesPerChannel(input.Length, channels, output.Length);
        var work = new Work(sos, samples);
        for (int c = 0; c < channels; c++)
            Filter(work, input, c * samples, 1, output[(c * samples)..]);
    }

    /// <summary>
    /// Zero-phase filtering of every channel of a frame-major block (T frames of <paramref name="channels"/> values, as read from
    /// a CSV), each channel as <see cref="Apply"/>: <c>scipy.signal.sosfiltfilt(sos, x, axis=0)</c> on a (T, C) array.
    /// Output may be the same memory.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of the channel count, T ≤ padlen, or the output is shorter.</exception>
    public static void ApplyFrameMajor(Sos sos, ReadOnlySpan<float> input, int channels, Span<float> output)
    {
        int samples = SamplesPerChannel(input.Length, channels, output.Length);
        var work = new Work(sos, samples);
        for (int c = 0; c < channels; c++)
            Filter(work, input, c, channels, output[c..]);
    }

    private static int SamplesPerChannel(int length, int channels, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (length % channels != 0)
            throw new ArgumentException($"The block holds {length} values, not a whole number of {channels}-channel frames.", "input");
        if (outputLength < length)
            throw new ArgumentException($"The output ({outputLength} values) is shorter than the input ({length} values).", "output");
        return length / channels;
    }

    /// <summary>One channel's working buffers, reused across the channels of a block.</summary>
    private sealed class Work
    {
        public Work(Sos sos, int samples)
        {
            ArgumentNullException.ThrowIfNull(sos);
            Pad = PadLength(sos);
            if (samples <= Pad)
                throw new ArgumentException(
                    $"Zero-phase filtering with {sos.SectionCount} sections pads {Pad} samples at each end (odd extension) and needs more than {Pad} input samples; got {samples}.",
                    "input");
            Samples = samples;
            Extended = new double[samples + 2 * Pad];
            InitialState = StepInitialState(sos);
            State = new double[InitialState.Length];
            Filter = new SosFilter(sos);
        }

        public int Pad { get; }
        public int Samples { get; }
        public double[] Extended { get; }
        public double[] InitialState { get; }
        public double[] State { get; }
        public SosFilter Filter { get; }
    }

    /// <summary>Filters the channel at input[offset + i·stride], i &lt; T, into output[i·stride].</summary>
    private static void Filter(Work work, ReadOnlySpan<float> input, int offset, int stride, Span<float> output)
    {
        int n = work.Samples, pad = work.Pad;
        var ext = work.Extended;
        // Odd extension: 2·x[0] − x[pad..1], x, 2·x[n−1] − x[n−2..n−pad−1].
        double first = input[offset], last = input[offset + (n - 1) * stride];
        for (var i = 0; i < pad; i++)
            ext[i] = 2 * first - input[offset + (pad - i) * stride];
        for (var i = 0; i < n; i++)
            ext[pad + i] = input[offset + i * stride];
        for (var i = 0; i < pad; i++)
            ext[pad + n + i] = 2 * last - input[offset + (n - 2 - i) * stride];

        Scale(work.InitialState, ext[0], work.State);
        work.Filter.SetState(work.State);
        work.Filter.ProcessInPlace(ext);

        Array.Reverse(ext);
        Scale(work.InitialState, ext[0], work.State);
        work.Filter.SetState(work.State);
        work.Filter.ProcessInPlace(ext);
        Array.Reverse(ext);

        for (var i = 0; i < n; i++)
            output[i * stride] = (float)ext[pad + i];
    }

    private static void Scale(double[] zi, double x0, double[] state)
    {
        for (var i = 0; i < zi.Length; i++)
            state[i] = zi[i] * x0;
    }
}
