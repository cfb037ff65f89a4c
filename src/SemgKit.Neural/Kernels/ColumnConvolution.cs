using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// im2col for convolutions whose output is one column wide (see <see cref="Layers.ColumnConv2d"/>): every sample of the batch
/// in one column matrix, only the kernel columns that meet the input.
/// Column matrix: rows r = (c·kH + kh)·W + x (K = C·kH·W rows), columns j = b·H_out + oy (N·H_out columns);
/// entry = input[b, c, oy + kh − padTop, x], 0 outside the image.
/// </summary>
public static class ColumnConvolution
{
    /// <summary>Unfolds <paramref name="input"/> (N, C, H, W) into <paramref name="columns"/> (C·kH·W, N·outH).</summary>
    public static void Unfold(ReadOnlySpan<float> input, int n, int channels, int height, int width, int kernelH, int padTop, int outH, Span<float> columns)
    {
        int cols = n * outH;
        for (int c = 0; c < channels; c++)
            for (int kh = 0; kh < kernelH; kh++)
            {
                // outputs whose input row oy + kh − padTop lies in [0, H): oy in [lo, hi)
                int lo = Math.Clamp(padTop - kh, 0, outH), hi = Math.Clamp(height + padTop - kh, lo, outH);
                for (int x = 0; x < width; x++)
                {
                    var row = columns.Slice(((c * kernelH + kh) * width + x) * cols, cols);
                    for (int b = 0; b < n; b++)
                    {
                        var dst = row.Slice(b * outH, outH);
                        dst[..lo].Clear();
                        dst[hi..].Clear();
                        var src = input.Slice((b * channels + c) * height * width, height * width);
                        int iy0 = lo + kh - padTop;
                        if (width == 1) src.Slice(iy0, hi - lo).CopyTo(dst[lo..hi]);
                        else
                            for (int oy = lo; oy < hi; oy++) dst[oy] = src[(oy + kh - padTop) * width + x];
                    }
                }
            }
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: writes (not adds) the folded columns into <paramref name="gradInput"/> (N, C, H, W).</summary>
    public static void Fold(ReadOnlySpan<float> columns, int n, int channels, int height, int width, int kernelH, int padTop, int outH, Span<float> gradInput)
    {
        gradInput.Clear();
        int cols = n * outH;
        for (int c = 0; c < channels; c++)
            for (int kh = 0; kh < kernelH; kh++)
            {
                int lo = Math.Clamp(padTop - kh, 0, outH), hi = Math.Clamp(height + padTop - kh, lo, outH);
                for (int x = 0; x < width; x++)
                {
                    var row = columns.Slice(((c * kernelH + kh) * width + x) * cols, cols);
                    for (int b = 0; b < n; b++)
                    {
                        var src = row.Slice(b * outH, outH);
                        var dst = gradInput.Slice((b * channels + c) * height * width, height * width);
                        int iy0 = lo + kh - padTop;
                        if (width == 1)
                            System.Numerics.Tensors.TensorPrimitives.Add(dst.Slice(iy0, hi - lo), src[lo..hi], dst.Slice(iy0, hi - lo));
                        else
                            for (int oy = lo; oy < hi; oy++) dst[(oy + kh - padTop) * width + x] += src[oy];
                    }
                }
            }
    }

    /// <summary>
    /// W_c (C_out, C_in·kH·W) from the weight (C_out, C_in, kH, kW): kernel columns padLeft … padLeft + W − 1. When the kernel is
    /// exactly W wide (no padding along W) W_c is the weight itself and callers can skip this.
    /// </summary>
    public static void PackWeights(ReadOnlySpan<float> weight, int outChannels, int inChannels, int kernelH, int kernelW, int padLeft, int width, Span<float> packed)
    {
        int rows = outChannels * inChannels * kernelH;
        if (width == 1)
        {
            for (int r = 0; r < rows; r++) packed[r] = weight[r * kernelW + padLeft];
            return;
        }
        for (int r = 0; r < rows; r++) weight.Slice(r * kernelW + padLeft, width).CopyTo(packed.Slice(r * width, width));
    }

    /// <summary>Adds dW_c back into the live columns of the weight gradient (C_out, C_in, kH, kW).</summary>
    public static void ScatterAddWeights(ReadOnlySpan<float> packed, int outChannels, int inChannels, int kernelH, int kernelW, int padLeft, int width, Span<float> weightGrad)
    {
        int rows = outChannels * inChannels * kernelH;
        for (int r = 0; r < rows; r++)
            for (int x = 0; x < width; x++) weightGrad[r * kernelW + padLeft + x] += packed[r * width + x];
    }

    /// <summary>Columns the narrow product handles: two vectors.</summary>
    public const int NarrowColumns = 32;

    public static bool NarrowSupported => Avx512F.IsSupported;

    /// <summary>
    /// <c>c[i·ldc + j] = Σ_q a[i·lda + q] · b[q·ldb + j]</c> for i &lt; m and j &lt; n ≤ <see cref="NarrowColumns"/>: a batch-1
    /// column convolution's product (C_out × C·kH·W times the column matrix of 15 or so output rows), where the packed
    /// SGEMM's 32-column tile was half empty and packing the weights for it cost as much as the product. Eight rows of a
    /// at a time are broadcast against one or two vectors of each b row; b must be readable for whole vectors of each
    /// row (up to 32 − n values past the last one: the lanes past n are computed and dropped). AVX-512 only.
    /// </summary>
    public static unsafe void MultiplyNarrow(int m, int k, int n, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc)
    {
        if (n < 1 || n > NarrowColumns) throw new ArgumentOutOfRangeException(nameof(n));
        int vectors = n > 16 ? 2 : 1;
        if (b.Length < (k - 1) * ldb + 16 * vectors || a.Length < (m - 1) * lda + k || c.Length < (m - 1) * ldc + n)
            throw new ArgumentException("Operand too short for the product.");
        fixed (float* pa = a, pb = b, pc = c)
        {
            for (int i = 0; i < m; i += 8)
                if (vectors == 1) NarrowRows<OneVector>(k, n, pa, lda, pb, ldb, pc, ldc, i, Math.Min(8, m - i));
                else NarrowRows<TwoVectors>(k, n, pa, lda, pb, ldb, pc, ldc, i, Math.Min(8, m - i));
        }
    }

    private interface IVectors
    {
        static abstract bool Two { get; }
    }

    private readonly struct OneVector : IVectors
    {
        public static bool Two => false;
    }

    private readonly struct TwoVectors : IVectors
    {
        public static bool Two => true;
    }

    // Rows i0 … i0 + rows − 1 (rows ≤ 8; the rows past them repeat the last one, computed and not stored).
    [SkipLocalsInit]
    private static unsafe void NarrowRows<TVectors>(int k, int n, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int i0, int rows)
        where TVectors : struct, IVectors
    {
        bool two = TVectors.Two;
        float* a0 = a + i0 * lda, a1 = a0 + Math.Min(1, rows - 1) * lda, a2 = a0 + Math.Min(2, rows - 1) * lda, a3 = a0 + Math.Min(3, rows - 1) * lda;
        float* a4 = a0 + Math.Min(4, rows - 1) * lda, a5 = a0 + Math.Min(5, rows - 1) * lda, a6 = a0 + Math.Min(6, rows - 1) * lda, a7 = a0 + Math.Min(7, rows - 1) * lda;
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        Vector512<float> t0 = default, t1 = default, t2 = default, t3 = default, t4 = default, t5 = default, t6 = default, t7 = default;
        for (int q = 0; q < k; q++, b += ldb)
        {
            var x = Vector512.Load(b);
            var y = two ? Vector512.Load(b + 16) : default;
            Vector512<float> v;
            v = Vector512.Create(a0[q]); s0 = Avx512F.FusedMultiplyAdd(v, x, s0); if (two) t0 = Avx512F.FusedMultiplyAdd(v, y, t0);
            v = Vector512.Create(a1[q]); s1 = Avx512F.FusedMultiplyAdd(v, x, s1); if (two) t1 = Avx512F.FusedMultiplyAdd(v, y, t1);
            v = Vector512.Create(a2[q]); s2 = Avx512F.FusedMultiplyAdd(v, x, s2); if (two) t2 = Avx512F.FusedMultiplyAdd(v, y, t2);
            v = Vector512.Create(a3[q]); s3 = Avx512F.FusedMultiplyAdd(v, x, s3); if (two) t3 = Avx512F.FusedMultiplyAdd(v, y, t3);
            v = Vector512.Create(a4[q]); s4 = Avx512F.FusedMultiplyAdd(v, x, s4); if (two) t4 = Avx512F.FusedMultiplyAdd(v, y, t4);
            v = Vector512.Create(a5[q]); s5 = Avx512F.FusedMultiplyAdd(v, x, s5); if (two) t5 = Avx512F.FusedMultiplyAdd(v, y, t5);
            v = Vector512.Create(a6[q]); s6 = Avx512F.FusedMultiplyAdd(v, x, s6); if (two) t6 = Avx512F.FusedMultiplyAdd(v, y, t6);
            v = Vector512.Create(a7[q]); s7 = Avx512F.FusedMultiplyAdd(v, x, s7); if (two) t7 = Avx512F.FusedMultiplyAdd(v, y, t7);
        }
        var first = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();
        var second = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n - 16)).AsSingle();
        float* ci = c + i0 * ldc;
        StoreRow(ci, first, second, two, s0, t0);
        if (rows > 1) StoreRow(ci + ldc, first, second, two, s1, t1);
        if (rows > 2) StoreRow(ci + 2 * ldc, first, second, two, s2, t2);
        if (rows > 3) StoreRow(ci + 3 * ldc, first, second, two, s3, t3);
        if (rows > 4) StoreRow(ci + 4 * ldc, first, second, two, s4, t4);
        if (rows > 5) StoreRow(ci + 5 * ldc, first, second, two, s5, t5);
        if (rows > 6) StoreRow(ci + 6 * ldc, first, second, two, s6, t6);
        if (rows > 7) StoreRow(ci + 7 * ldc, first, second, two, s7, t7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* c, Vector512<float> first, Vector512<float> second, bool two, Vector512<float> x, Vector512<float> y)
    {
        Avx512F.MaskStore(c, first, x);
        if (two) Avx512F.MaskStore(c + 16, second, y);
    }
}
