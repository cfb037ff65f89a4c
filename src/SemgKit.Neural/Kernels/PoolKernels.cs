using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>Fused epilogues for inference blocks (BatchNorm folded into the weights, ReLU, 2-wide max-pooling).</summary>
internal static class PoolKernels
{
    /// <summary>
    /// <c>dst[i] = max(max(a[2i], a[2i+1], b[2i], b[2i+1]) + shift, 0)</c> for i &lt; dst.Length (b empty: a only).
    /// ReLU commutes with max and the per-channel shift, so this is MaxPool(ReLU(x + shift)) of a 2-wide (1-D) or
    /// 2×2 (2-D: a and b are the two input rows) window. NaN is not propagated.
    /// </summary>
    public static unsafe void PairMaxShiftRelu(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst, float shift)
    {
        int count = dst.Length;
        if (a.Length < 2 * count || (!b.IsEmpty && b.Length < 2 * count)) throw new ArgumentException("Source rows are too short.");
        bool two = !b.IsEmpty;
        int i = 0;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = dst)
        {
            if (Avx512F.IsSupported && count >= 16)
            {
                var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                var odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                var s = Vector512.Create(shift);
                var zero = Vector512<float>.Zero;
                for (; i + 16 <= count; i += 16)
                {
                    var lo = Vector512.Load(pa + 2 * i);
                    var hi = Vector512.Load(pa + 2 * i + 16);
                    if (two)
                    {
                        lo = Avx512F.Max(lo, Vector512.Load(pb + 2 * i));
                        hi = Avx512F.Max(hi, Vector512.Load(pb + 2 * i + 16));
                    }
                    var m = Avx512F.Max(Avx512F.PermuteVar16x32x2(lo, even, hi), Avx512F.PermuteVar16x32x2(lo, odd, hi));
                    Avx512F.Max(m + s, zero).Store(pd + i);
                }
            }
            for (; i < count; i++)
            {
                float m = MathF.Max(pa[2 * i], pa[2 * i + 1]);
                if (two) m = MathF.Max(m, MathF.Max(pb[2 * i], pb[2 * i + 1]));
                pd[i] = MathF.Max(m + shift, 0f);
            }
        }
    }

    /// <summary>
    /// Max-pooling of 2-wide windows (1-D: row <paramref name="a"/> only) or 2×2 windows (rows a and b), stride = kernel:
    /// <c>dst[i]</c> = the max over a[2i], a[2i+1], b[2i], b[2i+1] in that order, with PyTorch's rule (a later value wins
    /// only if greater, or NaN), and <c>argMax[i]</c> its index, <paramref name="baseA"/>/<paramref name="baseB"/> being
    /// the indices of a[0] and b[0].
    /// </summary>
    public static unsafe void MaxPool2(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst, Span<int> argMax, int baseA, int baseB)
    {
        int count = dst.Length;
        if (a.Length < 2 * count || (!b.IsEmpty && b.Length < 2 * count) || argMax.Length < count) throw new ArgumentException("Rows are too short.");
        bool two = !b.IsEmpty;
        int i = 0;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = dst)
        fixed (int* pi = argMax)
        {
            if (Avx512F.IsSupported && count >= 16)
            {
                var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                var odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                for (; i + 16 <= count; i += 16)
                {
                    var lo = Vector512.Load(pa + 2 * i);
                    var hi = Vector512.Load(pa + 2 * i + 16);
                    var best = Avx512F.PermuteVar16x32x2(lo, even, hi);
                    var index = even + Vector512.Create(baseA + 2 * i);
                    Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, odd, hi), odd + Vector512.Create(baseA + 2 * i));
                    if (two)
                    {
                        lo = Vector512.Load(pb + 2 * i);
                        hi = Vector512.Load(pb + 2 * i + 16);
                        Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, even, hi), even + Vector512.Create(baseB + 2 * i));
                        Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, odd, hi), odd + Vector512.Create(baseB + 2 * i));
                    }
                    best.Store(pd + i);
                    index.Store(pi + i);
                }
            }
            for (; i < count; i++)
            {
                float best = pa[2 * i];
                int index = baseA + 2 * i;
                float v = pa[2 * i + 1];
                if (v > best || float.IsNaN(v)) (best, index) = (v, baseA + 2 * i + 1);
                if (two)
                {
                    v = pb[2 * i];
                    if (v > best || float.IsNaN(v)) (best, index) = (v, baseB + 2 * i);
                    v = pb[2 * i + 1];
                    if (v > best || float.IsNaN(v)) (best, index) = (v, baseB + 2 * i + 1);
                }
                pd[i] = best;
                pi[i] = index;
            }
        }
    }

    // best, index ← candidate where candidate > best or candidate is NaN.
    private static void Take(ref Vector512<float> best, ref Vector512<int> index, Vector512<float> candidate, Vector512<int> candidateIndex)
    {
        var take = Vector512.GreaterThan(candidate, best) | ~Vector512.Equals(candidate, candidate);
        best = Vector512.ConditionalSelect(take, candidate, best);
        index = Vector512.ConditionalSelect(take.AsInt32(), candidateIndex, index);
    }
}
