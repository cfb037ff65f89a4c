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
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = dst)
            PairMaxShiftReluRow(pa, b.IsEmpty ? null : pb, pd, count, shift, readAhead: false);
    }

    /// <summary>
    /// <see cref="PairMaxShiftRelu"/> over a whole (H, W) plane into (⌊H/2⌋, ⌊W/2⌋) outputs, or one row of W values into
    /// ⌊W/2⌋ when <paramref name="twoRows"/> is false; narrow rows are vectorised where 32 values can be read from the row
    /// start (see <see cref="MaxPool2Plane"/>).
    /// </summary>
    public static unsafe void PairMaxShiftReluPlane(ReadOnlySpan<float> plane, int width, int outH, int outW, bool twoRows, Span<float> dst, float shift)
    {
        CheckPlane(plane.Length, width, outH, outW, twoRows, dst.Length, dst.Length);
        fixed (float* ps = plane)
        fixed (float* pd = dst)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                int rowA = (twoRows ? 2 * oy : oy) * width, lastRow = twoRows ? rowA + width : rowA;
                PairMaxShiftReluRow(ps + rowA, twoRows ? ps + rowA + width : null, pd + oy * outW, outW, shift, readAhead: lastRow + ReadAheadSpan(outW) <= plane.Length);
            }
        }
    }

    private static unsafe void PairMaxShiftReluRow(float* pa, float* pb, float* pd, int count, float shift, bool readAhead)
    {
        bool two = pb is not null;
        int i = 0;
        if (Avx512F.IsSupported && (count >= 16 || readAhead && count > 1))
        {
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            var odd = even + Vector512<int>.One;
            var s = Vector512.Create(shift);
            var zero = Vector512<float>.Zero;
            for (; i < count; i += 16)
            {
                if (i + 16 > count && !readAhead) break;
                var lo = Vector512.Load(pa + 2 * i);
                var hi = Vector512.Load(pa + 2 * i + 16);
                if (two)
                {
                    lo = Avx512F.Max(lo, Vector512.Load(pb + 2 * i));
                    hi = Avx512F.Max(hi, Vector512.Load(pb + 2 * i + 16));
                }
                var m = Avx512F.Max(Avx512F.Max(Avx512F.PermuteVar16x32x2(lo, even, hi), Avx512F.PermuteVar16x32x2(lo, odd, hi)) + s, zero);
                if (i + 16 <= count) m.Store(pd + i);
                else Avx512F.MaskStore(pd + i, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count - i)).AsSingle(), m);
            }
        }
        for (; i < count; i++)
        {
            float m = MathF.Max(pa[2 * i], pa[2 * i + 1]);
            if (two) m = MathF.Max(m, MathF.Max(pb[2 * i], pb[2 * i + 1]));
            pd[i] = MathF.Max(m + shift, 0f);
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
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = dst)
        fixed (int* pi = argMax)
            MaxPool2Row(pa, b.IsEmpty ? null : pb, pd, pi, count, baseA, baseB, readAhead: false);
    }

    /// <summary>
    /// <see cref="MaxPool2"/> over a whole (H, W) plane into (Ho, Wo) = (⌊H/2⌋, ⌊W/2⌋) outputs (2×2 windows), or over one
    /// row of W values into ⌊W/2⌋ outputs when <paramref name="twoRows"/> is false (1-D, H = 1): one call per plane instead
    /// of one per output row, which dominated for the narrow planes of spectrogram CNNs. Arg-max indices are
    /// <paramref name="baseIndex"/> + the flat index in the plane. Rows of fewer than 16 outputs are vectorised too
    /// (whole vectors computed, <c>outW</c> outputs stored) where the reads past the row stay inside the span, so callers that
    /// can should give the plane 32 values of slack.
    /// </summary>
    public static unsafe void MaxPool2Plane(ReadOnlySpan<float> plane, int width, int outH, int outW, bool twoRows, Span<float> dst, Span<int> argMax, int baseIndex)
    {
        CheckPlane(plane.Length, width, outH, outW, twoRows, dst.Length, argMax.Length);
        fixed (float* ps = plane)
        fixed (float* pd = dst)
        fixed (int* pi = argMax)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                int rowA = (twoRows ? 2 * oy : oy) * width, lastRow = twoRows ? rowA + width : rowA;
                MaxPool2Row(ps + rowA, twoRows ? ps + rowA + width : null, pd + oy * outW, pi + oy * outW, outW, baseIndex + rowA, baseIndex + rowA + width,
                    readAhead: lastRow + ReadAheadSpan(outW) <= plane.Length);
            }
        }
    }

    private static void CheckPlane(int planeLength, int width, int outH, int outW, bool twoRows, int dstLength, int argMaxLength)
    {
        int rowsNeeded = twoRows ? 2 * outH : outH;
        if (2 * outW > width || planeLength < rowsNeeded * width || dstLength < outH * outW || argMaxLength < outH * outW)
            throw new ArgumentException("The plane or the outputs are too short.");
    }

    // readAhead: ReadAheadSpan(count) values are readable from pa and pb (lanes past the row are computed and not stored).
    // Values read from a row start when every chunk of 16 outputs, the last one too, is loaded whole.
    private static int ReadAheadSpan(int outW) => (2 * outW + 31) & ~31;

    private static unsafe void MaxPool2Row(float* pa, float* pb, float* pd, int* pi, int count, int baseA, int baseB, bool readAhead)
    {
        bool two = pb is not null;
        int i = 0;
        if (Avx512F.IsSupported && (count >= 16 || readAhead && count > 1))
        {
            for (; i + 16 <= count; i += 16)
            {
                var (best, index) = MaxPool2Lanes(pa + 2 * i, pb is null ? null : pb + 2 * i, baseA + 2 * i, baseB + 2 * i);
                best.Store(pd + i);
                index.Store(pi + i);
            }
            if (readAhead && i < count)
            {
                var (best, index) = MaxPool2Lanes(pa + 2 * i, pb is null ? null : pb + 2 * i, baseA + 2 * i, baseB + 2 * i);
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count - i));
                Avx512F.MaskStore(pd + i, mask.AsSingle(), best);
                Avx512F.MaskStore(pi + i, mask, index);
                return;
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

    /// <summary>16 outputs of <see cref="MaxPool2Row"/> from 32 values of row a (and of row b unless null).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector512<float> Best, Vector512<int> Index) MaxPool2Lanes(float* pa, float* pb, int baseA, int baseB)
    {
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odd = even + Vector512<int>.One;
        var lo = Vector512.Load(pa);
        var hi = Vector512.Load(pa + 16);
        var best = Avx512F.PermuteVar16x32x2(lo, even, hi);
        var index = even + Vector512.Create(baseA);
        Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, odd, hi), odd + Vector512.Create(baseA));
        if (pb is not null)
        {
            lo = Vector512.Load(pb);
            hi = Vector512.Load(pb + 16);
            Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, even, hi), even + Vector512.Create(baseB));
            Take(ref best, ref index, Avx512F.PermuteVar16x32x2(lo, odd, hi), odd + Vector512.Create(baseB));
        }
        return (best, index);
    }

    // best, index ← candidate where candidate > best or candidate is NaN.
    private static void Take(ref Vector512<float> best, ref Vector512<int> index, Vector512<float> candidate, Vector512<int> candidateIndex)
    {
        var take = Vector512.GreaterThan(candidate, best) | ~Vector512.Equals(candidate, candidate);
        best = Vector512.ConditionalSelect(take, candidate, best);
        index = Vector512.ConditionalSelect(take.AsInt32(), candidateIndex, index);
    }
}
