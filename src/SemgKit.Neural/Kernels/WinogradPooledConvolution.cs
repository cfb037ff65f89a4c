using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Inference of a 3×3, stride-1 convolution followed by a per-channel shift, ReLU and a 2×2 max-pool (a conv block with
/// its BatchNorm folded into the weights) by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, "Fast Algorithms
/// for Convolutional Neural Networks", 2016). Each 2×2 output tile is one pooling window, so the tile's outputs are
/// pooled as soon as they are transformed back and never stored: one pass per input channel for the input transform,
/// 16 products <c>M_ξ (C_out × tiles) = U_ξ (C_out × C) · V_ξ (C × tiles)</c> on the AVX-512 register tile, and the
/// output transform with the pool in the product's epilogue. That is 16·C multiply-adds per tile and output channel
/// against the direct convolution's 36·C.
/// </summary>
/// <remarks>
/// Transforms (correlation, as in CNNs): <c>U = G g Gᵀ</c> with G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1], <c>V = Bᵀ d B</c>
/// with Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1] over the 4×4 input patch d of a tile, and <c>Y = Aᵀ (U ⊙ V) A</c>
/// with Aᵀ = [1 1 1 0; 0 1 −1 −1]. Point ξ = 4·k + j (k the row of the 4×4 transform domain, j its column).
/// Only the tiles of whole pooling windows are computed (the pool floors, as PyTorch's): tile (th, tw) is conv outputs
/// rows 2th, 2th+1 and columns 2tw, 2tw+1, which read padded input rows 2th…2th+3 and columns 2tw…2tw+3.
/// Each padded input row is read as its even and odd columns (permutes of two loads), so the tiles of a row are
/// contiguous vectors.
/// Work runs in chunks of tile rows (whose transformed input stays in the core's cache), split over workers by chunk;
/// each tile's arithmetic is the same whatever the chunking, so every thread count gives the same bits.
/// AVX-512 only. The results equal the direct convolution's up to float rounding of the transforms.
/// </remarks>
internal sealed unsafe class WinogradPooledConvolution
{
    /// <summary>Points of the 4×4 transform domain.</summary>
    public const int Points = 16;

    private const int MR = Avx512Tile.MR, NR = Avx512Tile.NR, Lanes = 16;

    /// <summary>Tiles per chunk for one input channel count: about 16·C·tiles = 64 K floats of transformed input.</summary>
    private static int TargetTiles(int channels) => Math.Max(NR, 4096 / channels);

    private readonly int _c, _cout, _h, _w, _padTop, _padLeft, _ph, _pw, _panel;
    private readonly float[] _filters;
    private Workspace[] _workspaces = [];

    /// <param name="ho">Convolution output height (the pooled height is ⌊ho/2⌋).</param>
    /// <param name="wo">Convolution output width.</param>
    public WinogradPooledConvolution(int inChannels, int outChannels, int h, int w, int padTop, int padLeft, int ho, int wo)
    {
        if (ho < 2 || wo < 2) throw new ArgumentException("The convolution output must hold at least one 2×2 pooling window.");
        _c = inChannels;
        _cout = outChannels;
        _h = h;
        _w = w;
        _padTop = padTop;
        _padLeft = padLeft;
        _ph = ho / 2;
        _pw = wo / 2;
        _panel = ShiftedConvolution.RoundUp(outChannels, MR) * inChannels;
        _filters = new float[Points * _panel];
    }

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Multiply-adds of the 16 products for one sample (what the parallel threshold compares).</summary>
    public long MultiplyAdds => (long)Points * _cout * _c * _ph * _pw;

    /// <summary>Below this many multiply-adds (all samples) a call stays on the calling thread; see ShiftedConvolution.ParallelMinWork.</summary>
    internal const long ParallelMinWork = 2_000_000;

    /// <summary>
    /// Transforms (C_out, C, 3, 3) weights into <c>U_ξ</c>, each packed in the register tile's MR-row panels
    /// (<c>[ξ][row tile][c][row]</c>; rows past C_out stay zero).
    /// </summary>
    public void SetFilters(ReadOnlySpan<float> weight)
    {
        if (weight.Length != _cout * _c * 9) throw new ArgumentException("Expected (C_out, C, 3, 3) weights.", nameof(weight));
        Span<float> u = stackalloc float[Points];
        for (int o = 0; o < _cout; o++)
            for (int c = 0; c < _c; c++)
            {
                TransformFilter(weight.Slice((o * _c + c) * 9, 9), u);
                int at = o / MR * MR * _c + c * MR + o % MR;
                for (int xi = 0; xi < Points; xi++) _filters[xi * _panel + at] = u[xi];
            }
    }

    // U = G g Gᵀ: first down the kernel's columns (Gg, 4×3), then along the rows.
    private static void TransformFilter(ReadOnlySpan<float> g, Span<float> u)
    {
        Span<float> gg = stackalloc float[12];
        for (int b = 0; b < 3; b++)
        {
            float g0 = g[b], g1 = g[3 + b], g2 = g[6 + b];
            gg[b] = g0;
            gg[3 + b] = 0.5f * (g0 + g1 + g2);
            gg[6 + b] = 0.5f * (g0 - g1 + g2);
            gg[9 + b] = g2;
        }
        for (int k = 0; k < 4; k++)
        {
            float a0 = gg[3 * k], a1 = gg[3 * k + 1], a2 = gg[3 * k + 2];
            u[4 * k] = a0;
            u[4 * k + 1] = 0.5f * (a0 + a1 + a2);
            u[4 * k + 2] = 0.5f * (a0 - a1 + a2);
            u[4 * k + 3] = a2;
        }
    }

    /// <summary>
    /// <c>y[s, o] = maxpool2×2(ReLU(conv(x_s)[o] + shift[o]))</c> for the n samples of <paramref name="x"/>
    /// (N, C, H, W) into <paramref name="y"/> (N, C_out, ⌊H_out/2⌋, ⌊W_out/2⌋), on up to <paramref name="workers"/> threads.
    /// </summary>
    public void Run(ReadOnlySpan<float> x, int n, Span<float> y, ReadOnlySpan<float> shift, int workers)
    {
        if (x.Length < n * _c * _h * _w || y.Length < n * _cout * _ph * _pw || shift.Length < _cout)
            throw new ArgumentException("Buffers too small for the planned shapes.");
        int target = Math.Clamp(TargetTiles(_c) / _pw, 1, _ph), chunks = (_ph + target - 1) / target;
        workers = Math.Clamp(workers, 1, n * _ph);
        if (n < workers) chunks = Math.Min(_ph, ShiftedConvolution.RoundUp(chunks, workers)); // a batch smaller than the workers: rounds of chunks
        int rows = (_ph + chunks - 1) / chunks; // equal chunks
        chunks = (_ph + rows - 1) / rows;
        if (_workspaces.Length < workers) Array.Resize(ref _workspaces, workers);
        for (int p = 0; p < workers; p++) (_workspaces[p] ??= new Workspace()).Ensure(this, rows);
        fixed (float* px = x, py = y, pf = _filters, ps = shift)
        {
            var job = new ChunkJob(this, (nint)px, (nint)py, (nint)pf, (nint)ps, n * chunks, chunks, rows);
            if (workers == 1) job.Run(0, 1);
            else ForkJoin.Run(workers, job, workers);
        }
    }

    private readonly struct ChunkJob(WinogradPooledConvolution plan, nint x, nint y, nint filters, nint shift, int items, int chunks, int rows) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            // the thread's own buffers; a job run inline on one thread (ForkJoin busy, or a part that forks) may use any
            int slot = ForkJoin.WorkerSlot;
            var ws = plan._workspaces[slot < parts ? slot : 0];
            int inSize = plan._c * plan._h * plan._w, outSize = plan._cout * plan._ph * plan._pw;
            for (int item = part * items / parts; item < (part + 1) * items / parts; item++)
            {
                int s = item / chunks, th0 = item % chunks * rows, th1 = Math.Min(plan._ph, th0 + rows);
                if (th0 >= th1) continue;
                plan.Chunk((float*)x + (nint)s * inSize, (float*)y + (nint)s * outSize, (float*)filters, (float*)shift, th0, th1, ws);
            }
        }
    }

    /// <summary>Per worker: the chunk's transformed input and the 16 product tiles.</summary>
    private sealed class Workspace
    {
        public float[] Transformed = [], Tiles = new float[Points * MR * NR];
        public int Ld;

        public void Ensure(WinogradPooledConvolution plan, int rows)
        {
            // row stride: whole column tiles are read (the columns past the chunk's tiles are dropped), plus one cache line, so
            // that the 16 rows written together never fall in one L1 set
            Ld = ShiftedConvolution.RoundUp(rows * plan._pw, NR) + Lanes;
            if (Transformed.Length < Points * plan._c * Ld) Transformed = new float[Points * plan._c * Ld];
        }
    }

    // Tile rows [th0, th1) of one sample.
    private void Chunk(float* x, float* y, float* filters, float* shift, int th0, int th1, Workspace ws)
    {
        int tiles = (th1 - th0) * _pw;
        fixed (float* v = ws.Transformed, buf = ws.Tiles)
        {
            TransformInput(x, th0, th1, v, ws.Ld);
            MultiplyAndPool(filters, v, ws.Ld, tiles, buf, shift, y + th0 * _pw);
        }
    }

    // V[c][ξ][tile] = (Bᵀ d B)[ξ] for the chunk's tiles (tile = local tile row · Pw + tw; rows ld apart), 16 tiles of a row
    // at a time; so point ξ's C × tiles matrix has rows 16·ld apart.
    // A padded row P enters as four vectors of its 16 tiles' columns: E = P[2t], O = P[2t+1], E' = P[2t+2], O' = P[2t+3]
    // (the tile's d0…d3), read straight from the input with the padding masked to zero. Going down the tile rows, the
    // bottom two rows of one tile row are the top two of the next.
    private void TransformInput(float* x, int th0, int th1, float* v, int ld)
    {
        for (int c = 0; c < _c; c++)
        {
            float* xc = x + (nint)c * _h * _w;
            for (int tb = 0; tb < _pw; tb += Lanes)
            {
                int valid = Math.Min(Lanes, _pw - tb);
                var store = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(valid)).AsSingle();
                int r = 2 * th0 - _padTop;
                var (e0, o0, f0, p0) = RowColumns(xc, r, 2 * tb);
                var (e1, o1, f1, p1) = RowColumns(xc, r + 1, 2 * tb);
                for (int tr = 0; tr < th1 - th0; tr++, r += 2)
                {
                    var (e2, o2, f2, p2) = RowColumns(xc, r + 2, 2 * tb);
                    var (e3, o3, f3, p3) = RowColumns(xc, r + 3, 2 * tb);
                    float* dst = v + (nint)c * Points * ld + tr * _pw + tb;
                    Horizontal(e0 - e2, o0 - o2, f0 - f2, p0 - p2, dst, ld, store, valid);              // k = 0: rows 0 − 2
                    Horizontal(e1 + e2, o1 + o2, f1 + f2, p1 + p2, dst + 4 * ld, ld, store, valid);     // k = 1: rows 1 + 2
                    Horizontal(e2 - e1, o2 - o1, f2 - f1, p2 - p1, dst + 8 * ld, ld, store, valid);     // k = 2: rows 2 − 1
                    Horizontal(e1 - e3, o1 - o3, f1 - f3, p1 - p3, dst + 12 * ld, ld, store, valid);    // k = 3: rows 1 − 3
                    (e0, o0, f0, p0, e1, o1, f1, p1) = (e2, o2, f2, p2, e3, o3, f3, p3);
                }
            }
        }
    }

    // Input row ih (zero outside the input) at padded columns q0 + 2t (E), + 1 (O), + 2 (E'), + 3 (O') for t < 16.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector512<float> E, Vector512<float> O, Vector512<float> E2, Vector512<float> O2) RowColumns(float* xc, int ih, int q0)
    {
        if ((uint)ih >= (uint)_h) return default;
        float* row = xc + (nint)ih * _w;
        int s = q0 - _padLeft; // input column of padded column q0
        var lo = Load(row, s);
        var hi = Load(row, s + Lanes);
        var lo2 = Load(row, s + 2);
        var hi2 = Load(row, s + 2 + Lanes);
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odd = even + Vector512<int>.One;
        return (Avx512F.PermuteVar16x32x2(lo, even, hi), Avx512F.PermuteVar16x32x2(lo, odd, hi),
            Avx512F.PermuteVar16x32x2(lo2, even, hi2), Avx512F.PermuteVar16x32x2(lo2, odd, hi2));
    }

    // row[s … s+15], zero where the column is outside [0, W) (masked lanes are not read).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<float> Load(float* row, int s)
    {
        if (s >= 0 && s + Lanes <= _w) return Vector512.Load(row + s);
        var column = Vector512<int>.Indices + Vector512.Create(s);
        var inside = Vector512.GreaterThanOrEqual(column, Vector512<int>.Zero) & Vector512.LessThan(column, Vector512.Create(_w));
        return Avx512F.MaskLoad(row + s, inside.AsSingle(), Vector512<float>.Zero);
    }

    // Bᵀ along a row of the transform: d0 − d2, d1 + d2, d2 − d1, d1 − d3 into points j = 0..3, ld apart (the first
    // `valid` lanes: a row's last vector must not overwrite the next row's tiles).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Horizontal(Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3, float* dst, nint ld, Vector512<float> store, int valid)
    {
        if (valid == Lanes)
        {
            (d0 - d2).Store(dst);
            (d1 + d2).Store(dst + ld);
            (d2 - d1).Store(dst + 2 * ld);
            (d1 - d3).Store(dst + 3 * ld);
            return;
        }
        Avx512F.MaskStore(dst, store, d0 - d2);
        Avx512F.MaskStore(dst + ld, store, d1 + d2);
        Avx512F.MaskStore(dst + 2 * ld, store, d2 - d1);
        Avx512F.MaskStore(dst + 3 * ld, store, d1 - d3);
    }

    // Per 32-tile column block and MR-channel row block: the 16 product tiles into buf, then Aᵀ M A, max of the 2×2
    // outputs, + shift, ReLU into the pooled planes (tile i of the chunk at y + o·plane + i).
    private void MultiplyAndPool(float* filters, float* v, int ld, int tiles, float* buf, float* shift, float* y)
    {
        nint pooledPlane = (nint)_ph * _pw;
        var zero = Vector512<float>.Zero;
        for (int l0 = 0; l0 < tiles; l0 += NR)
            for (int i0 = 0; i0 < _cout; i0 += MR)
            {
                int mr = Math.Min(MR, _cout - i0);
                for (int xi = 0; xi < Points; xi++)
                    Avx512Tile.Run(_c, filters + xi * _panel + i0 * _c, new Avx512Tile.StridedRows(v + xi * ld + l0, Points * ld),
                        buf + xi * MR * NR, NR, default(Avx512Tile.RawStore), mr, NR);
                for (int i = 0; i < mr; i++)
                {
                    var s = Vector512.Create(shift[i0 + i]);
                    for (int h = 0; h < NR; h += Lanes)
                    {
                        int l = l0 + h;
                        if (l >= tiles) break;
                        float* m = buf + i * NR + h;
                        const int P = MR * NR;
                        // Aᵀ down the rows: t0 = m0 + m1 + m2, t1 = m1 − m2 − m3 (per column j)
                        var m1j0 = Vector512.Load(m + 4 * P); var m2j0 = Vector512.Load(m + 8 * P);
                        var t00 = Vector512.Load(m) + m1j0 + m2j0; var t10 = m1j0 - m2j0 - Vector512.Load(m + 12 * P);
                        var m1j1 = Vector512.Load(m + 5 * P); var m2j1 = Vector512.Load(m + 9 * P);
                        var t01 = Vector512.Load(m + P) + m1j1 + m2j1; var t11 = m1j1 - m2j1 - Vector512.Load(m + 13 * P);
                        var m1j2 = Vector512.Load(m + 6 * P); var m2j2 = Vector512.Load(m + 10 * P);
                        var t02 = Vector512.Load(m + 2 * P) + m1j2 + m2j2; var t12 = m1j2 - m2j2 - Vector512.Load(m + 14 * P);
                        var m1j3 = Vector512.Load(m + 7 * P); var m2j3 = Vector512.Load(m + 11 * P);
                        var t03 = Vector512.Load(m + 3 * P) + m1j3 + m2j3; var t13 = m1j3 - m2j3 - Vector512.Load(m + 15 * P);
                        // then along the columns, and the pool over the tile's four outputs
                        var y00 = t00 + t01 + t02; var y01 = t01 - t02 - t03;
                        var y10 = t10 + t11 + t12; var y11 = t11 - t12 - t13;
                        var r = Avx512F.Max(Avx512F.Max(Avx512F.Max(y00, y01), Avx512F.Max(y10, y11)) + s, zero);
                        float* dst = y + (i0 + i) * pooledPlane + l;
                        if (l + Lanes <= tiles) r.Store(dst);
                        else Avx512F.MaskStore(dst, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(tiles - l)).AsSingle(), r);
                    }
                }
            }
    }
}
