using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Stride-1 convolution without im2col: in a zero-padded input laid out as channel planes of the padded width
/// <c>Wp</c>, the im2col row of (channel c, kernel tap t) over the output grid <c>p = oh·Wp + ow</c> is the contiguous run
/// <c>xp[c·plane + off(t) + p]</c>, <c>off(t) = kh·dH·Wp + kw·dW</c>. So the product <c>W (Cout × C·taps) · col</c> reads its
/// B rows straight from the padded input (no unfold, no packing of the large operand); only the weights are packed.
/// The grid has <c>Wp − W_out</c> extra columns per row, computed and dropped.
/// </summary>
/// <remarks>
/// The same product with flipped, transposed weights over the zero-padded output gradient gives dL/dx (a full
/// correlation), and <see cref="DotAccumulate"/> gives dL/dW as row-by-row dot products over the grid. AVX-512 only;
/// other machines use im2col + SGEMM. Every output element is computed by one tile with a fixed summation order
/// (k ascending), whatever the thread count.
/// </remarks>
internal static unsafe class ShiftedConvolution
{
    /// <summary>Weight rows per tile (packed panel height) and grid columns per tile.</summary>
    public const int MR = Avx512Tile.MR, NR = Avx512Tile.NR;

    private const int DotRows = 4, DotCols = 6;

    /// <summary>
    /// Below this many multiply-adds one product stays on the calling thread: waking a second worker costs tens of µs on
    /// these hosts, about what 8 M multiply-adds take (batch-1 cnn1d got slower with 2 threads at a 64³ threshold).
    /// </summary>
    internal const long ParallelMinWork = 8_000_000;

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// The padded frame of one sample: padded height/width, the output grid (<c>Ho × Wp</c> values, of which the first
    /// <c>Wo</c> of each row are the output), the tap offsets and the plane lengths (with slack for whole tiles) of the
    /// padded input and of the padded output gradient.
    /// </summary>
    public readonly struct Frame
    {
        public Frame(int h, int w, in WindowGeometry g, int padBottom, int padRight)
        {
            Hp = h + g.PadTop + padBottom;
            Wp = w + g.PadLeft + padRight;
            Ho = Hp - g.DilationH * (g.KernelH - 1);
            Wo = Wp - g.DilationW * (g.KernelW - 1);
            H = h;
            W = w;
            Top = g.PadTop;
            Left = g.PadLeft;
            KernelW = g.KernelW;
            Taps = g.KernelH * g.KernelW;
            DilationRow = g.DilationH * Wp;
            DilationW = g.DilationW;
            MaxTap = (g.KernelH - 1) * DilationRow + (g.KernelW - 1) * g.DilationW;
            Grid = Ho * Wp;
            InputPlane = Math.Max(Hp * Wp, MaxTap + RoundUp(Grid, NR));
            GradPlane = Math.Max(Top * Wp + MaxTap + RoundUp(H * Wp, NR), MaxTap + RoundUp(Grid, NR));
        }

        public int H { get; }
        public int W { get; }
        public int Hp { get; }
        public int Wp { get; }
        public int Ho { get; }
        public int Wo { get; }
        public int Top { get; }
        public int Left { get; }
        public int KernelW { get; }
        public int Taps { get; }
        public int DilationRow { get; }
        public int DilationW { get; }
        public int MaxTap { get; }
        public int Grid { get; }
        public int InputPlane { get; }
        public int GradPlane { get; }

        public int Offset(int tap) => tap / KernelW * DilationRow + tap % KernelW * DilationW;
    }

    public static int RoundUp(int x, int m) => (x + m - 1) / m * m;

    /// <summary>Packed length of an <paramref name="m"/> × <paramref name="k"/> weight matrix plus its tile-padded bias.</summary>
    public static int PackedLength(int m, int k) => RoundUp(m, MR) * (k + 1);

    /// <summary>
    /// Packs row-major <paramref name="a"/> (m × k) into MR-row panels (<c>dst[(tile·k + kk)·MR + i]</c>, rows past m zero),
    /// followed by the bias padded to whole tiles (zeros when null).
    /// </summary>
    public static void Pack(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> bias, Span<float> dst)
    {
        int tiles = RoundUp(m, MR) / MR;
        dst[..PackedLength(m, k)].Clear();
        for (int t = 0; t < tiles; t++)
            for (int i = 0; i < MR && t * MR + i < m; i++)
            {
                var row = a.Slice((t * MR + i) * k, k);
                int at = t * k * MR + i;
                for (int kk = 0; kk < k; kk++) dst[at + kk * MR] = row[kk];
            }
        if (!bias.IsEmpty) bias[..m].CopyTo(dst[(tiles * MR * k)..]);
    }

    /// <summary>
    /// Packs the weights of the input-gradient product: rows are input channels c, columns (output channel o, tap t) with
    /// value <c>W[o, c, taps − 1 − t]</c> (the kernel flipped), from PyTorch-layout <paramref name="weight"/> (Cout, C, taps).
    /// </summary>
    public static void PackFlipped(ReadOnlySpan<float> weight, int cout, int c, int taps, Span<float> dst)
    {
        int k = cout * taps, tiles = RoundUp(c, MR) / MR;
        dst[..PackedLength(c, k)].Clear();
        for (int o = 0; o < cout; o++)
            for (int ci = 0; ci < c; ci++)
            {
                var w = weight.Slice((o * c + ci) * taps, taps);
                int at = ci / MR * k * MR + ci % MR + o * taps * MR;
                for (int t = 0; t < taps; t++) dst[at + t * MR] = w[taps - 1 - t];
            }
    }

    /// <summary>
    /// Copies <paramref name="channels"/> planes of <paramref name="rows"/> × <paramref name="cols"/> values from
    /// <paramref name="src"/> into zeroed planes of length <paramref name="plane"/>, value (r, q) at
    /// <c>start + r·rowStride + q</c>.
    /// </summary>
    public static void Place(ReadOnlySpan<float> src, int channels, int rows, int cols, Span<float> dst, int plane, int start, int rowStride)
    {
        dst[..(channels * plane)].Clear();
        for (int c = 0; c < channels; c++)
            for (int r = 0; r < rows; r++)
                src.Slice((c * rows + r) * cols, cols).CopyTo(dst[(c * plane + start + r * rowStride)..]);
    }

    /// <summary>The inverse of <see cref="Place"/> for a grid: row r of plane c from <c>grid[c·plane + r·rowStride + skip ..]</c>.</summary>
    public static void Compact(ReadOnlySpan<float> grid, int channels, int plane, int rowStride, int skip, int rows, int cols, Span<float> dst)
    {
        for (int c = 0; c < channels; c++)
            for (int r = 0; r < rows; r++)
                grid.Slice(c * plane + r * rowStride + skip, cols).CopyTo(dst[((c * rows + r) * cols)..]);
    }

    /// <summary>Row offsets of the forward product: <c>rowOff[c·taps + t] = c·plane + off(t) + shift</c>.</summary>
    public static void RowOffsets(in Frame f, int channels, int plane, int shift, Span<int> rowOff)
    {
        for (int c = 0; c < channels; c++)
            for (int t = 0; t < f.Taps; t++) rowOff[c * f.Taps + t] = c * plane + f.Offset(t) + shift;
    }

    /// <summary>
    /// <c>out[i·ldo + j] = Σ_kk A[i, kk] · b[rowOff[kk] + j] + bias[i]</c> for i &lt; m, j &lt; n, A packed by <see cref="Pack"/>.
    /// B rows must be readable up to <c>rowOff + RoundUp(n, NR)</c>. Columns split over up to <paramref name="threads"/> workers.
    /// </summary>
    public static void Multiply(int m, int k, int n, ReadOnlySpan<float> aPacked, ReadOnlySpan<float> b, ReadOnlySpan<int> rowOff, Span<float> output, int ldo, int threads)
    {
        int colTiles = RoundUp(n, NR) / NR;
        fixed (float* pa = aPacked, pb = b, po = output)
        fixed (int* pr = rowOff)
        {
            if (threads <= 1 || colTiles < 2 || (long)m * k * n < ParallelMinWork)
            {
                MultiplyColumns(m, k, n, pa, pb, pr, po, ldo, 0, colTiles);
                return;
            }
            MultiplyParallel(m, k, n, (nint)pa, (nint)pb, (nint)pr, (nint)po, ldo, colTiles, Math.Min(threads, colTiles));
        }
    }

    private static void MultiplyParallel(int m, int k, int n, nint pa, nint pb, nint pr, nint po, int ldo, int colTiles, int workers) =>
        ForkJoin.Run(workers, new ColumnsJob(m, k, n, pa, pb, pr, po, ldo, colTiles));

    private readonly struct ColumnsJob(int m, int k, int n, nint pa, nint pb, nint pr, nint po, int ldo, int colTiles) : IForkJoinBody
    {
        public void Run(int part, int parts) =>
            MultiplyColumns(m, k, n, (float*)pa, (float*)pb, (int*)pr, (float*)po, ldo, part * colTiles / parts, (part + 1) * colTiles / parts);
    }

    private static void MultiplyColumns(int m, int k, int n, float* a, float* b, int* rowOff, float* output, int ldo, int tile0, int tile1)
    {
        int rowTiles = RoundUp(m, MR) / MR;
        float* bias = a + rowTiles * MR * k;
        for (int jt = tile0; jt < tile1; jt++)
        {
            int j = jt * NR, nr = Math.Min(NR, n - j);
            for (int it = 0; it < rowTiles; it++)
            {
                int i = it * MR;
                Avx512Tile.Run(k, a + (nint)it * MR * k, new Avx512Tile.OffsetRows(b + j, rowOff), output + (nint)i * ldo + j, ldo,
                    new Avx512Tile.BiasStore(bias + i), Math.Min(MR, m - i), nr);
            }
        }
    }

    /// <summary>
    /// <c>c[i·ldc + j] += Σ_{p &lt; len} a[i·lda + p] · b[rowOff[j] + p]</c> for i &lt; m, j &lt; n; <paramref name="len"/> a multiple
    /// of 16 (the callers' zero slack). Used for dL/dW: rows of the padded output gradient against shifted input rows.
    /// </summary>
    public static void DotAccumulate(int m, int n, int len, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, ReadOnlySpan<int> rowOff, Span<float> c, int ldc)
    {
        if (len % 16 != 0) throw new ArgumentException("Length must be a multiple of 16.", nameof(len));
        fixed (float* pa = a, pb = b, pc = c)
        fixed (int* pr = rowOff)
        {
            for (int i = 0; i < m; i += DotRows)
                for (int j = 0; j < n; j += DotCols)
                    DotTile(len, pa + (nint)i * lda, lda, pb, pr + j, pc + (nint)i * ldc + j, ldc, Math.Min(DotRows, m - i), Math.Min(DotCols, n - j));
        }
    }

    [SkipLocalsInit]
    private static void DotTile(int len, float* a, nint lda, float* b, int* rowOff, float* c, nint ldc, int mr, int nr)
    {
        // rows and columns past the edge repeat the last valid one (computed, not stored)
        float* a0 = a, a1 = a + Math.Min(1, mr - 1) * lda, a2 = a + Math.Min(2, mr - 1) * lda, a3 = a + Math.Min(3, mr - 1) * lda;
        float* b0 = b + rowOff[0], b1 = b + rowOff[Math.Min(1, nr - 1)], b2 = b + rowOff[Math.Min(2, nr - 1)];
        float* b3 = b + rowOff[Math.Min(3, nr - 1)], b4 = b + rowOff[Math.Min(4, nr - 1)], b5 = b + rowOff[Math.Min(5, nr - 1)];
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default, s05 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s24 = default, s25 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default, s34 = default, s35 = default;
        for (int p = 0; p < len; p += 16)
        {
            var x0 = Vector512.Load(b0 + p);
            var x1 = Vector512.Load(b1 + p);
            var x2 = Vector512.Load(b2 + p);
            var x3 = Vector512.Load(b3 + p);
            var x4 = Vector512.Load(b4 + p);
            var x5 = Vector512.Load(b5 + p);
            var y = Vector512.Load(a0 + p);
            s00 = Avx512F.FusedMultiplyAdd(y, x0, s00); s01 = Avx512F.FusedMultiplyAdd(y, x1, s01); s02 = Avx512F.FusedMultiplyAdd(y, x2, s02);
            s03 = Avx512F.FusedMultiplyAdd(y, x3, s03); s04 = Avx512F.FusedMultiplyAdd(y, x4, s04); s05 = Avx512F.FusedMultiplyAdd(y, x5, s05);
            y = Vector512.Load(a1 + p);
            s10 = Avx512F.FusedMultiplyAdd(y, x0, s10); s11 = Avx512F.FusedMultiplyAdd(y, x1, s11); s12 = Avx512F.FusedMultiplyAdd(y, x2, s12);
            s13 = Avx512F.FusedMultiplyAdd(y, x3, s13); s14 = Avx512F.FusedMultiplyAdd(y, x4, s14); s15 = Avx512F.FusedMultiplyAdd(y, x5, s15);
            y = Vector512.Load(a2 + p);
            s20 = Avx512F.FusedMultiplyAdd(y, x0, s20); s21 = Avx512F.FusedMultiplyAdd(y, x1, s21); s22 = Avx512F.FusedMultiplyAdd(y, x2, s22);
            s23 = Avx512F.FusedMultiplyAdd(y, x3, s23); s24 = Avx512F.FusedMultiplyAdd(y, x4, s24); s25 = Avx512F.FusedMultiplyAdd(y, x5, s25);
            y = Vector512.Load(a3 + p);
            s30 = Avx512F.FusedMultiplyAdd(y, x0, s30); s31 = Avx512F.FusedMultiplyAdd(y, x1, s31); s32 = Avx512F.FusedMultiplyAdd(y, x2, s32);
            s33 = Avx512F.FusedMultiplyAdd(y, x3, s33); s34 = Avx512F.FusedMultiplyAdd(y, x4, s34); s35 = Avx512F.FusedMultiplyAdd(y, x5, s35);
        }

        float* sums = stackalloc float[DotRows * DotCols];
        sums[0] = Vector512.Sum(s00); sums[1] = Vector512.Sum(s01); sums[2] = Vector512.Sum(s02);
        sums[3] = Vector512.Sum(s03); sums[4] = Vector512.Sum(s04); sums[5] = Vector512.Sum(s05);
        sums[6] = Vector512.Sum(s10); sums[7] = Vector512.Sum(s11); sums[8] = Vector512.Sum(s12);
        sums[9] = Vector512.Sum(s13); sums[10] = Vector512.Sum(s14); sums[11] = Vector512.Sum(s15);
        sums[12] = Vector512.Sum(s20); sums[13] = Vector512.Sum(s21); sums[14] = Vector512.Sum(s22);
        sums[15] = Vector512.Sum(s23); sums[16] = Vector512.Sum(s24); sums[17] = Vector512.Sum(s25);
        sums[18] = Vector512.Sum(s30); sums[19] = Vector512.Sum(s31); sums[20] = Vector512.Sum(s32);
        sums[21] = Vector512.Sum(s33); sums[22] = Vector512.Sum(s34); sums[23] = Vector512.Sum(s35);
        for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++) c[i * ldc + j] += sums[i * DotCols + j];
    }
}
