namespace SemgKit.Signal.Envelopes;

/// <summary>
/// Causal moving RMS over the last W samples, y[n] = √((1/W)·Σ_{k=n−W+1}^{n} x[k]²), with x = 0 before the first
/// sample (so the first W − 1 outputs ramp up). Streaming: the ring of squares and the running sum (double) carry
/// over between <see cref="Process"/> calls, and the sum is recomputed from the ring each time the ring wraps, so
/// the result depends only on sample positions — any chunking gives bit-identical output. Allocates only in the constructor.
/// </summary>
public sealed class MovingRms
{
    private readonly double[] _ring;
    private double _sum;
    private int _index;

    /// <summary>A moving RMS over <paramref name="windowSamples"/> samples.</summary>
    public MovingRms(int windowSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSamples, 1);
        _ring = new double[windowSamples];
    }

    /// <summary>W.</summary>
    public int WindowSamples => _ring.Length;

    /// <summary>Processes <paramref name="input"/> into <paramref name="output"/> (same length, may be the same memory).</summary>
    /// <exception cref="ArgumentException">output is shorter than input.</exception>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        var w = _ring.Length;
        for (var i = 0; i < input.Length; i++)
        {
            var sq = (double)input[i] * input[i];
            _sum += sq - _ring[_index];
            _ring[_index] = sq;
            if (++_index == w)
            {
                _index = 0;
                var exact = 0.0;
                foreach (var v in _ring)
                    exact += v;
                _sum = exact;
            }
            output[i] = (float)Math.Sqrt(Math.Max(0, _sum / w));
        }
    }

    /// <summary>Clears the history, as for a new recording.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _sum = 0;
        _index = 0;
    }

    /// <summary>The moving RMS of a whole signal from a cold start (one <see cref="Process"/> call on a new instance).</summary>
    public static void Apply(ReadOnlySpan<float> input, int windowSamples, Span<float> output) => new MovingRms(windowSamples).Process(input, output);
}
