using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// A register-blocked micro-kernel: <c>C[0..mr, 0..nr] = alpha · Ã·B̃ + beta · C</c> (C not read when beta is 0),
/// where Ã is a packed MR×kc micro-panel (MR values per k step) and B̃ a packed kc×NR micro-panel (NR values per k step).
/// Edge tiles (mr &lt; MR or nr &lt; NR) are computed in full on the zero-padded panels and only the valid part is stored,
/// with the same arithmetic (<c>fma(acc, alpha, beta·c)</c>) as full tiles.
/// </summary>
internal unsafe interface IMicroKernel
{
    static abstract int MR { get; }
    static abstract int NR { get; }
    static abstract SgemmBlocking DefaultBlocking { get; }
    static abstract void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mr, int nr);
}

internal static unsafe class MicroKernelStore
{
    /// <summary>Stores the valid mr×nr part of a full MR×NR accumulator tile held in <paramref name="t"/> (row stride <paramref name="ldt"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Edge(float* t, int ldt, float* c, nint ldc, float alpha, float beta, int mr, int nr)
    {
        for (int i = 0; i < mr; i++)
        {
            float* ti = t + i * ldt;
            float* ci = c + i * ldc;
            if (beta == 0)
                for (int j = 0; j < nr; j++) ci[j] = alpha * ti[j];
            else
                for (int j = 0; j < nr; j++) ci[j] = MathF.FusedMultiplyAdd(ti[j], alpha, beta * ci[j]);
        }
    }
}

/// <summary>AVX-512 12×32 kernel on packed panels (<see cref="Avx512Tile"/>).</summary>
internal unsafe struct Avx512Kernel : IMicroKernel
{
    public static int MR => Avx512Tile.MR;
    public static int NR => Avx512Tile.NR;
    public static SgemmBlocking DefaultBlocking => new(Kc: 256, Mc: 288, Nc: 2048);

    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mr, int nr) =>
        Avx512Tile.Run(kc, a, new Avx512Tile.PanelRows(b), c, ldc, new Avx512Tile.ScaledStore(alpha, beta), mr, nr);
}

/// <summary>AVX2 + FMA 6×16 kernel: 12 ymm accumulators, two B vectors and a broadcast A value per k step.</summary>
internal unsafe struct Avx2Kernel : IMicroKernel
{
    public static int MR => 6;
    public static int NR => 16;
    public static SgemmBlocking DefaultBlocking => new(Kc: 256, Mc: 96, Nc: 2048);

    [SkipLocalsInit]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mr, int nr)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            Vector256<float> av;
            av = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(av, b0, c00); c01 = Fma.MultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]); c10 = Fma.MultiplyAdd(av, b0, c10); c11 = Fma.MultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]); c20 = Fma.MultiplyAdd(av, b0, c20); c21 = Fma.MultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]); c30 = Fma.MultiplyAdd(av, b0, c30); c31 = Fma.MultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]); c40 = Fma.MultiplyAdd(av, b0, c40); c41 = Fma.MultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]); c50 = Fma.MultiplyAdd(av, b0, c50); c51 = Fma.MultiplyAdd(av, b1, c51);
            a += 6;
            b += 16;
        }

        bool full = mr == 6 && nr == 16;
        float* t = stackalloc float[full ? 1 : 6 * 16];
        float* d = full ? c : t;
        nint ldd = full ? ldc : 16;
        float bt = full ? beta : 0;
        float at = full ? alpha : 1;
        Store(d, c00, c01, at, bt); d += ldd;
        Store(d, c10, c11, at, bt); d += ldd;
        Store(d, c20, c21, at, bt); d += ldd;
        Store(d, c30, c31, at, bt); d += ldd;
        Store(d, c40, c41, at, bt); d += ldd;
        Store(d, c50, c51, at, bt);
        if (!full) MicroKernelStore.Edge(t, 16, c, ldc, alpha, beta, mr, nr);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> x0, Vector256<float> x1, float alpha, float beta)
    {
        var av = Vector256.Create(alpha);
        if (beta == 0)
        {
            Vector256.Store(x0 * av, c);
            Vector256.Store(x1 * av, c + 8);
        }
        else
        {
            var bv = Vector256.Create(beta);
            Vector256.Store(Fma.MultiplyAdd(x0, av, bv * Vector256.Load(c)), c);
            Vector256.Store(Fma.MultiplyAdd(x1, av, bv * Vector256.Load(c + 8)), c + 8);
        }
    }
}

/// <summary>Portable 4×4 scalar kernel (16 accumulators in registers), used where no SIMD kernel applies.</summary>
internal unsafe struct ScalarKernel : IMicroKernel
{
    public static int MR => 4;
    public static int NR => 4;
    public static SgemmBlocking DefaultBlocking => new(Kc: 256, Mc: 64, Nc: 1024);

    [SkipLocalsInit]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mr, int nr)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 4;
            b += 4;
        }

        float* t = stackalloc float[16];
        t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
        t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
        t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
        t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
        MicroKernelStore.Edge(t, 4, c, ldc, alpha, beta, mr, nr);
    }
}
