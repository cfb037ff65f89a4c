namespace SemgKit.Signal.Onsets;

/// <summary>
/// The Teager–Kaiser energy operator ψ[n] = x[n]² − x[n−1]·x[n+1] (Kaiser 1990; Li, Zhou, Aruin 2007 for sEMG
/// onsets). <see cref="Apply"/> treats samples outside the signal as 0, so ψ[0] = x[0]² − 0 and ψ[N−1] = x[N−1]².
/// The streaming form (<see cref="Process"/>) needs x[n+1], so it outputs ψ[n−1] at time n
/// (<see cref="DelaySamples"/> = 1) with zero history: its output equals Apply's shifted one sample later,
/// with a leading 0. Chunking never changes the result.
/// </summary>
public sealed class Tkeo
{
    private float _previous;  // x[n−1]
    private float _previous2; // x[n−2]

    /// <summary>The delay of <see cref="Process"/> relative to <see cref="Apply"/>.</summary>
    public const int DelaySamples = 1;

    /// <summary>ψ of a whole signal, zeros outside it. output may not overlap input.</summary>
    /// <exception cref="ArgumentException">output is shorter than input.</exception>
    public static void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        var n = input.Length;
        for (var i = 0; i < n; i++)
        {
            var prev = i > 0 ? input[i - 1] : 0f;
            var next = i < n - 1 ? input[i + 1] : 0f;
            output[i] = (float)((double)input[i] * input[i] - (double)prev * next);
        }
    }

    /// <summary>Streaming ψ delayed by one sample: output[n] = x[n−1]² − x[n−2]·x[n]. output may be the same memory as input.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            output[i] = (float)((double)_previous * _previous - (double)_previous2 * x);
            _previous2 = _previous;
            _previous = x;
        }
    }

    /// <summary>Clears the two-sample history.</summary>
    public void Reset() => (_previous, _previous2) = (0f, 0f);
}
