using System.Numerics.Tensors;

namespace SemgKit.Signal.Envelopes;

/// <summary>Rectification of sEMG.</summary>
public static class Rectification
{
    /// <summary>Full-wave rectification, y[n] = |x[n]| (TensorPrimitives.Abs). output may be the same memory as input.</summary>
    /// <exception cref="ArgumentException">output is shorter than input.</exception>
    public static void FullWave(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} samples) is shorter than the input ({input.Length} samples).", nameof(output));
        TensorPrimitives.Abs(input, output[..input.Length]);
    }
}
