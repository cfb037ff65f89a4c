using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// One-pass BatchNorm loops (Vector512, scalar tail/fallback). Sums are float within a slice (like TensorPrimitives.Sum);
/// callers accumulate slices in double.
/// </summary>
internal static class NormKernels
{
    /// <summary>Σ (x − mean)².</summary>
    public static float SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            ref float px = ref MemoryMarshal.GetReference(x);
            var m = Vector512.Create(mean);
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i + 32 <= x.Length; i += 32)
            {
                var d0 = Vector512.LoadUnsafe(ref px, (nuint)i) - m;
                var d1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 16)) - m;
                acc0 += d0 * d0;
                acc1 += d1 * d1;
            }
            for (; i + 16 <= x.Length; i += 16)
            {
                var d = Vector512.LoadUnsafe(ref px, (nuint)i) - m;
                acc0 += d * d;
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        for (; i < x.Length; i++)
        {
            float d = x[i] - mean;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>y = (x − mean)·scale + shift.</summary>
    public static void Normalize(ReadOnlySpan<float> x, float mean, float scale, float shift, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("Destination too short.", nameof(y));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float px = ref MemoryMarshal.GetReference(x);
            ref float py = ref MemoryMarshal.GetReference(y);
            var m = Vector512.Create(mean);
            var a = Vector512.Create(scale);
            var b = Vector512.Create(shift);
            for (; i + 16 <= x.Length; i += 16)
                ((Vector512.LoadUnsafe(ref px, (nuint)i) - m) * a + b).StoreUnsafe(ref py, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] = (x[i] - mean) * scale + shift;
    }

    /// <summary>(Σ dy, Σ dy·(x − mean)).</summary>
    public static (float SumDy, float SumDyCentered) GradientSums(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean)
    {
        if (x.Length < dy.Length) throw new ArgumentException("Input too short.", nameof(x));
        int i = 0;
        float s0 = 0, s1 = 0;
        if (Vector512.IsHardwareAccelerated && dy.Length >= 16)
        {
            ref float pd = ref MemoryMarshal.GetReference(dy);
            ref float px = ref MemoryMarshal.GetReference(x);
            var m = Vector512.Create(mean);
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            for (; i + 16 <= dy.Length; i += 16)
            {
                var g = Vector512.LoadUnsafe(ref pd, (nuint)i);
                a0 += g;
                a1 += g * (Vector512.LoadUnsafe(ref px, (nuint)i) - m);
            }
            s0 = Vector512.Sum(a0);
            s1 = Vector512.Sum(a1);
        }
        for (; i < dy.Length; i++)
        {
            s0 += dy[i];
            s1 += dy[i] * (x[i] - mean);
        }
        return (s0, s1);
    }

    /// <summary>dx = dy·a + (x − mean)·b + c; with <paramref name="dy"/> empty, dx = (x − mean)·b + c over x.</summary>
    public static void InputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean, float a, float b, float c, Span<float> dx)
    {
        if (dy.IsEmpty)
        {
            Normalize(x, mean, b, c, dx);
            return;
        }
        if (x.Length < dy.Length || dx.Length < dy.Length) throw new ArgumentException("Spans too short.");
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float pd = ref MemoryMarshal.GetReference(dy);
            ref float px = ref MemoryMarshal.GetReference(x);
            ref float po = ref MemoryMarshal.GetReference(dx);
            var m = Vector512.Create(mean);
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            var vc = Vector512.Create(c);
            for (; i + 16 <= dy.Length; i += 16)
                (Vector512.LoadUnsafe(ref pd, (nuint)i) * va + (Vector512.LoadUnsafe(ref px, (nuint)i) - m) * vb + vc).StoreUnsafe(ref po, (nuint)i);
        }
        for (; i < dy.Length; i++) dx[i] = dy[i] * a + (x[i] - mean) * b + c;
    }
}
