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
        ArgumentNullException.ThrowIfNull(sos);
        var pad = PadLength(sos);
        if (input.Length <= pad)
            throw new ArgumentException(
                $"Zero-phase filtering with {sos.SectionCount} sections pads {pad} samples at each end (odd extension) and needs more than {pad} input samples; got {input.Length}.",
                nameof(input));
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));

        var n = input.Length;
        var ext = new double[n + 2 * pad];
        // Odd extension: 2·x[0] − x[pad..1], x, 2·x[n−1] − x[n−2..n−pad−1].
        double first = input[0], last = input[n - 1];
        for (var i = 0; i < pad; i++)
            ext[i] = 2 * first - input[pad - i];
        for (var i = 0; i < n; i++)
            ext[pad + i] = input[i];
        for (var i = 0; i < pad; i++)
            ext[pad + n + i] = 2 * last - input[n - 2 - i];

        var zi = StepInitialState(sos);
        var state = new double[zi.Length];
        var filter = new SosFilter(sos);

        Scale(zi, ext[0], state);
        filter.SetState(state);
        filter.ProcessInPlace(ext);

        Array.Reverse(ext);
        Scale(zi, ext[0], state);
        filter.SetState(state);
        filter.ProcessInPlace(ext);
        Array.Reverse(ext);

        for (var i = 0; i < n; i++)
            output[i] = (float)ext[pad + i];
    }

    private static void Scale(double[] zi, double x0, double[] state)
    {
        for (var i = 0; i < zi.Length; i++)
            state[i] = zi[i] * x0;
    }
}
