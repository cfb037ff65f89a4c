using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

public static partial class Sgemm
{
    /// <summary>
    /// Packed GotoBLAS/BLIS loop nest: jc (NC columns) → pc (KC depth, pack B̃) → ic (MC rows, pack Ã) → jr (NR) → ir (MR) → kernel.
    /// With several threads, C is split into contiguous tile-aligned column ranges (or row ranges when M &gt; N); each
    /// thread runs the same loop nest on its range with its own pack buffers, so per-element arithmetic is unchanged.
    /// </summary>
    private static unsafe void Packed<TKernel>(in Problem p, SgemmBlocking blocking, int threads)
        where TKernel : struct, IMicroKernel
    {
        var bl = ResolveBlocking<TKernel>(blocking);
        bool splitN = p.N >= p.M;
        int tile = splitN ? TKernel.NR : TKernel.MR;
        int extent = splitN ? p.N : p.M;
        int tiles = (extent + tile - 1) / tile;
        int chunks = Math.Min(threads, tiles);
        if (chunks <= 1)
        {
            PackedRange<TKernel>(in p, bl, 0, p.M, 0, p.N);
            return;
        }

        ForkJoin.Run(chunks, new PackedJob<TKernel>(p, bl, splitN, tile, extent, tiles));
    }

    private readonly struct PackedJob<TKernel>(Problem p, SgemmBlocking bl, bool splitN, int tile, int extent, int tiles) : IForkJoinBody
        where TKernel : struct, IMicroKernel
    {
        public void Run(int chunk, int chunks)
        {
            int start = (int)((long)tiles * chunk / chunks) * tile;
            int end = Math.Min(extent, (int)((long)tiles * (chunk + 1) / chunks) * tile);
            if (start >= end) return;
            if (splitN) PackedRange<TKernel>(in p, bl, 0, p.M, start, end);
            else PackedRange<TKernel>(in p, bl, start, end, 0, p.N);
        }
    }

    private static SgemmBlocking ResolveBlocking<TKernel>(SgemmBlocking requested) where TKernel : struct, IMicroKernel
    {
        var d = TKernel.DefaultBlocking;
        int kc = requested.Kc > 0 ? requested.Kc : d.Kc;
        int mc = requested.Mc > 0 ? requested.Mc : d.Mc;
        int nc = requested.Nc > 0 ? requested.Nc : d.Nc;
        // MC and NC are whole numbers of tiles so that tile boundaries never depend on how the range was split.
        mc = Math.Max(TKernel.MR, mc / TKernel.MR * TKernel.MR);
        nc = Math.Max(TKernel.NR, nc / TKernel.NR * TKernel.NR);
        return new SgemmBlocking(kc, mc, nc);
    }

    private static unsafe void PackedRange<TKernel>(in Problem p, SgemmBlocking bl, int i0, int i1, int j0, int j1)
        where TKernel : struct, IMicroKernel
    {
        int mrTile = TKernel.MR, nrTile = TKernel.NR;
        int kcMax = Math.Min(bl.Kc, p.K);
        int mcMax = Math.Min(bl.Mc, RoundUp(i1 - i0, mrTile));
        int ncMax = Math.Min(bl.Nc, RoundUp(j1 - j0, nrTile));
        var scratch = SgemmScratch.ForCurrentThread();
        float* bufA = scratch.A((long)mcMax * kcMax);
        float* bufB = scratch.B((long)ncMax * kcMax);

        for (int jc = j0; jc < j1; jc += bl.Nc)
        {
            int nc = Math.Min(bl.Nc, j1 - jc);
            for (int pc = 0; pc < p.K; pc += bl.Kc)
            {
                int kc = Math.Min(bl.Kc, p.K - pc);
                PackB(in p, pc, kc, jc, nc, nrTile, bufB);
                float beta = pc == 0 ? p.Beta : 1f;
                for (int ic = i0; ic < i1; ic += bl.Mc)
                {
                    int mc = Math.Min(bl.Mc, i1 - ic);
                    PackA(in p, ic, mc, pc, kc, mrTile, bufA);
                    for (int jr = 0; jr < nc; jr += nrTile)
                    {
                        int nr = Math.Min(nrTile, nc - jr);
                        float* bp = bufB + (nint)jr * kc;
                        float* cp = p.C + (nint)ic * p.Ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += mrTile)
                        {
                            int mr = Math.Min(mrTile, mc - ir);
                            TKernel.Run(kc, bufA + (nint)ir * kc, bp, cp + ir * p.Ldc, p.Ldc, p.Alpha, beta, mr, nr);
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int m) => (x + m - 1) / m * m;

    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc] into MR-row micro-panels (MR values per k step, zero-padded rows).</summary>
    internal static unsafe void PackA(in Problem p, int i0, int mc, int p0, int kc, int mrTile, float* dst)
    {
        nint lda = p.Lda;
        for (int ir = 0; ir < mc; ir += mrTile)
        {
            int mr = Math.Min(mrTile, mc - ir);
            if (!p.TransposeA)
            {
                // A row-major M×K: row i is contiguous in k; gather MR rows into an interleaved panel.
                float* src = p.A + (i0 + ir) * lda + p0;
                if (mr == mrTile && mrTile == 12 && Vector512.IsHardwareAccelerated)
                {
                    PackRows12(src, lda, kc, dst);
                }
                else
                {
                    for (int r = 0; r < mr; r++)
                    {
                        float* s = src + r * lda;
                        float* d = dst + r;
                        for (int q = 0; q < kc; q++) d[q * mrTile] = s[q];
                    }

                    for (int r = mr; r < mrTile; r++)
                        for (int q = 0; q < kc; q++) dst[q * mrTile + r] = 0;
                }
            }
            else
            {
                // A stored K×M: the MR values of one k step are contiguous.
                float* src = p.A + p0 * lda + i0 + ir;
                for (int q = 0; q < kc; q++)
                {
                    float* s = src + q * lda;
                    float* d = dst + q * mrTile;
                    int r = 0;
                    for (; r < mr; r++) d[r] = s[r];
                    for (; r < mrTile; r++) d[r] = 0;
                }
            }

            dst += mrTile * kc;
        }
    }

    /// <summary>Transposes a 12×kc block of rows into 12-wide columns, 16 k steps at a time through registers.</summary>
    private static unsafe void PackRows12(float* src, nint lda, int kc, float* dst)
    {
        int q = 0;
        for (; q + 16 <= kc; q += 16)
        {
            // Load 12 rows × 16 k values, scatter as 16 groups of 12.
            for (int r = 0; r < 12; r++)
            {
                var v = Vector512.Load(src + r * lda + q);
                float* d = dst + q * 12 + r;
                d[0] = v[0]; d[12] = v[1]; d[24] = v[2]; d[36] = v[3];
                d[48] = v[4]; d[60] = v[5]; d[72] = v[6]; d[84] = v[7];
                d[96] = v[8]; d[108] = v[9]; d[120] = v[10]; d[132] = v[11];
                d[144] = v[12]; d[156] = v[13]; d[168] = v[14]; d[180] = v[15];
            }
        }

        for (; q < kc; q++)
            for (int r = 0; r < 12; r++) dst[q * 12 + r] = src[r * lda + q];
    }

    /// <summary>dst[t·ldd + r] = src[r·lds + t] for an 8×8 block (AVX unpack/shuffle/permute transpose).</summary>
    private static unsafe void Transpose8x8(float* src, nint lds, float* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var r4 = Avx.LoadVector256(src + 4 * lds);
        var r5 = Avx.LoadVector256(src + 5 * lds);
        var r6 = Avx.LoadVector256(src + 6 * lds);
        var r7 = Avx.LoadVector256(src + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into NR-column micro-panels (NR values per k step, zero-padded columns).</summary>
    internal static unsafe void PackB(in Problem p, int p0, int kc, int j0, int nc, int nrTile, float* dst)
    {
        nint ldb = p.Ldb;
        for (int jr = 0; jr < nc; jr += nrTile)
        {
            int nr = Math.Min(nrTile, nc - jr);
            if (!p.TransposeB)
            {
                // B row-major K×N: the NR values of one k step are contiguous.
                float* src = p.B + p0 * ldb + j0 + jr;
                if (nr == nrTile)
                {
                    for (int q = 0; q < kc; q++)
                        Unsafe.CopyBlockUnaligned(dst + q * nrTile, src + q * ldb, (uint)(nrTile * sizeof(float)));
                }
                else
                {
                    for (int q = 0; q < kc; q++)
                    {
                        float* s = src + q * ldb;
                        float* d = dst + q * nrTile;
                        int j = 0;
                        for (; j < nr; j++) d[j] = s[j];
                        for (; j < nrTile; j++) d[j] = 0;
                    }
                }
            }
            else
            {
                // B stored N×K: column j of op(B) is contiguous in k; gather NR of them.
                float* src = p.B + (j0 + jr) * ldb + p0;
                int j8 = 0;
                if (Avx.IsSupported && kc >= 8)
                {
                    // 8×8 register transposes: 8 stored rows × 8 k values → 8 k steps × 8 contiguous columns.
                    for (; j8 + 8 <= nr; j8 += 8)
                    {
                        int q = 0;
                        for (; q + 8 <= kc; q += 8) Transpose8x8(src + j8 * ldb + q, ldb, dst + q * nrTile + j8, nrTile);
                        for (; q < kc; q++)
                            for (int j = j8; j < j8 + 8; j++) dst[q * nrTile + j] = src[j * ldb + q];
                    }
                }
                for (int j = j8; j < nr; j++)
                {
                    float* s = src + j * ldb;
                    float* d = dst + j;
                    for (int q = 0; q < kc; q++) d[q * nrTile] = s[q];
                }

                for (int j = nr; j < nrTile; j++)
                    for (int q = 0; q < kc; q++) dst[q * nrTile + j] = 0;
            }

            dst += nrTile * kc;
        }
    }
}

/// <summary>
/// Per-thread pack buffers: pinned, 64-byte aligned, grown on demand and kept for the thread's lifetime, so that
/// steady-state SGEMM calls do not allocate. Pure cache: contents never outlive a call.
/// </summary>
internal sealed unsafe class SgemmScratch
{
    [ThreadStatic] private static SgemmScratch? s_current;

    private float[]? _a, _b, _row;

    public static SgemmScratch ForCurrentThread() => s_current ??= new SgemmScratch();

    public float* A(long length) => Ensure(ref _a, length);

    public float* B(long length) => Ensure(ref _b, length);

    public float* Row(long length) => Ensure(ref _row, length);

    private static float* Ensure(ref float[]? buffer, long length)
    {
        if (buffer is null || buffer.Length < length + 16)
            buffer = GC.AllocateUninitializedArray<float>(checked((int)(length + 16)), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (float*)((address + 63) & ~(nint)63);
    }
}
