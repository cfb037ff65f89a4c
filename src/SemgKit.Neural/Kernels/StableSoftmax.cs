using System.Numerics.Tensors;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Softmax that cannot overflow: y = exp(x − max x) / Σ exp(x − max x), as PyTorch computes it.
/// (<see cref="TensorPrimitives.SoftMax{T}(ReadOnlySpan{T}, Span{T})"/> exponentiates x itself, so a logit above ~88.7
/// gives ∞/∞ = NaN.) A +∞ input shares the mass equally among the +∞ entries; NaN anywhere gives NaN everywhere.
/// In place is allowed. Allocates nothing.
/// </summary>
public static class StableSoftmax
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"softmax of {x.Length} values into {y.Length}", nameof(y));
        if (x.IsEmpty) return;
        float max = TensorPrimitives.Max(x);
        if (float.IsNaN(max))
        {
            y.Fill(float.NaN);
            return;
        }
        if (float.IsPositiveInfinity(max))
        {
            int infinite = Count(x, float.PositiveInfinity);
            for (int i = 0; i < x.Length; i++) y[i] = float.IsPositiveInfinity(x[i]) ? 1f / infinite : 0f;
            return;
        }
        if (float.IsNegativeInfinity(max))
        {
            y.Fill(1f / x.Length); // all −∞: the limit of equal logits
            return;
        }
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Divide(y, TensorPrimitives.Sum<float>(y), y);
    }

    private static int Count(ReadOnlySpan<float> x, float value)
    {
        int n = 0;
        foreach (var v in x) if (v == value) n++;
        return n;
    }
}
