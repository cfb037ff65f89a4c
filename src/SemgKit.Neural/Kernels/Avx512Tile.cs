using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// The AVX-512 12×32 register tile (24 zmm accumulators, two B vectors and a broadcast A value per k step) shared by the
/// packed SGEMM and the shifted convolution. They differ only in where the k-th B row comes from (<see cref="IRows"/>:
/// a packed panel or a shifted run of a padded input) and in how the tile is written (<see cref="IStore"/>); struct
/// type arguments make each combination its own specialised loop.
/// </summary>
internal static unsafe class Avx512Tile
{
    public const int MR = 12, NR = 32;

    /// <summary>The 32 B values of step k.</summary>
    public interface IRows
    {
        float* Row(int k);
    }

    /// <summary>Writes a full tile row i, or the valid mr × nr part of a tile held in a 12 × 32 buffer.</summary>
    public interface IStore
    {
        void Row(float* c, int i, Vector512<float> x0, Vector512<float> x1);
        void Edge(float* t, float* c, nint ldc, int mr, int nr);
    }

    /// <summary>A packed kc × 32 panel.</summary>
    public readonly struct PanelRows(float* b) : IRows
    {
        public float* Row(int k) => b + k * NR;
    }

    /// <summary>Row k at <c>b + rowOffsets[k]</c>.</summary>
    public readonly struct OffsetRows(float* b, int* rowOffsets) : IRows
    {
        public float* Row(int k) => b + rowOffsets[k];
    }

    /// <summary>Row k at <c>b + k · ld</c>.</summary>
    public readonly struct StridedRows(float* b, nint ld) : IRows
    {
        public float* Row(int k) => b + k * ld;
    }

    /// <summary><c>C = acc</c>.</summary>
    public readonly struct RawStore : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(float* c, int i, Vector512<float> x0, Vector512<float> x1)
        {
            Vector512.Store(x0, c);
            Vector512.Store(x1, c + 16);
        }

        public void Edge(float* t, float* c, nint ldc, int mr, int nr)
        {
            for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++) c[i * ldc + j] = t[i * NR + j];
        }
    }

    /// <summary><c>C = alpha · acc + beta · C</c> (C not read when beta is 0).</summary>
    public readonly struct ScaledStore(float alpha, float beta) : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(float* c, int i, Vector512<float> x0, Vector512<float> x1)
        {
            var av = Vector512.Create(alpha);
            if (beta == 0)
            {
                Vector512.Store(x0 * av, c);
                Vector512.Store(x1 * av, c + 16);
            }
            else
            {
                var bv = Vector512.Create(beta);
                Vector512.Store(Avx512F.FusedMultiplyAdd(x0, av, bv * Vector512.Load(c)), c);
                Vector512.Store(Avx512F.FusedMultiplyAdd(x1, av, bv * Vector512.Load(c + 16)), c + 16);
            }
        }

        public void Edge(float* t, float* c, nint ldc, int mr, int nr) => MicroKernelStore.Edge(t, NR, c, ldc, alpha, beta, mr, nr);
    }

    /// <summary><c>C = acc + bias[i]</c> per row.</summary>
    public readonly struct BiasStore(float* bias) : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(float* c, int i, Vector512<float> x0, Vector512<float> x1)
        {
            var bv = Vector512.Create(bias[i]);
            Vector512.Store(x0 + bv, c);
            Vector512.Store(x1 + bv, c + 16);
        }

        public void Edge(float* t, float* c, nint ldc, int mr, int nr)
        {
            for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++) c[i * ldc + j] = t[i * NR + j] + bias[i];
        }
    }

    /// <summary>
    /// The tile <c>acc = Σ_k A[:, k] ⊗ B_k</c> over a packed 12-value-per-step A, written by <paramref name="store"/>. An edge
    /// tile of at most 4 or 8 valid rows runs a 4- or 8-row loop (the rows past them would be computed only to be dropped);
    /// a tile of whole columns stores its valid rows as vectors.
    /// </summary>
    public static void Run<TRows, TStore>(int kc, float* a, TRows rows, float* c, nint ldc, TStore store, int mr, int nr)
        where TRows : struct, IRows where TStore : struct, IStore
    {
        if (mr <= 4) Run<TRows, TStore, FourRows>(kc, a, rows, c, ldc, store, mr, nr);
        else if (mr <= 8) Run<TRows, TStore, EightRows>(kc, a, rows, c, ldc, store, mr, nr);
        else Run<TRows, TStore, TwelveRows>(kc, a, rows, c, ldc, store, mr, nr);
    }

    /// <summary>The rows a tile loop computes, a constant the JIT folds (the unused accumulators vanish).</summary>
    private interface IRowCount
    {
        static abstract int Rows { get; }
    }

    private readonly struct FourRows : IRowCount
    {
        public static int Rows => 4;
    }

    private readonly struct EightRows : IRowCount
    {
        public static int Rows => 8;
    }

    private readonly struct TwelveRows : IRowCount
    {
        public static int Rows => MR;
    }

    // The first 4, 8 or all 12 rows of the tile (8, 16 or 24 accumulators), for tiles of at most that many valid rows.
    [SkipLocalsInit]
    private static void Run<TRows, TStore, TCount>(int kc, float* a, TRows rows, float* c, nint ldc, TStore store, int mr, int nr)
        where TRows : struct, IRows where TStore : struct, IStore where TCount : struct, IRowCount
    {
        bool eight = TCount.Rows > 4, twelve = TCount.Rows > 8;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            float* b = rows.Row(p);
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> av;
            av = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(av, b0, c00); c01 = Avx512F.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(av, b0, c10); c11 = Avx512F.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(av, b0, c20); c21 = Avx512F.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(av, b0, c30); c31 = Avx512F.FusedMultiplyAdd(av, b1, c31);
            if (eight)
            {
                av = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(av, b0, c40); c41 = Avx512F.FusedMultiplyAdd(av, b1, c41);
                av = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(av, b0, c50); c51 = Avx512F.FusedMultiplyAdd(av, b1, c51);
                av = Vector512.Create(a[6]); c60 = Avx512F.FusedMultiplyAdd(av, b0, c60); c61 = Avx512F.FusedMultiplyAdd(av, b1, c61);
                av = Vector512.Create(a[7]); c70 = Avx512F.FusedMultiplyAdd(av, b0, c70); c71 = Avx512F.FusedMultiplyAdd(av, b1, c71);
            }
            if (twelve)
            {
                av = Vector512.Create(a[8]); c80 = Avx512F.FusedMultiplyAdd(av, b0, c80); c81 = Avx512F.FusedMultiplyAdd(av, b1, c81);
                av = Vector512.Create(a[9]); c90 = Avx512F.FusedMultiplyAdd(av, b0, c90); c91 = Avx512F.FusedMultiplyAdd(av, b1, c91);
                av = Vector512.Create(a[10]); ca0 = Avx512F.FusedMultiplyAdd(av, b0, ca0); ca1 = Avx512F.FusedMultiplyAdd(av, b1, ca1);
                av = Vector512.Create(a[11]); cb0 = Avx512F.FusedMultiplyAdd(av, b0, cb0); cb1 = Avx512F.FusedMultiplyAdd(av, b1, cb1);
            }
            a += MR;
        }

        if (nr == NR)
        {
            // whole columns: the valid rows (at most TCount.Rows) as vectors
            store.Row(c, 0, c00, c01);
            if (mr > 1) store.Row(c + ldc, 1, c10, c11);
            if (mr > 2) store.Row(c + 2 * ldc, 2, c20, c21);
            if (mr > 3) store.Row(c + 3 * ldc, 3, c30, c31);
            if (mr > 4) store.Row(c + 4 * ldc, 4, c40, c41);
            if (mr > 5) store.Row(c + 5 * ldc, 5, c50, c51);
            if (mr > 6) store.Row(c + 6 * ldc, 6, c60, c61);
            if (mr > 7) store.Row(c + 7 * ldc, 7, c70, c71);
            if (mr > 8) store.Row(c + 8 * ldc, 8, c80, c81);
            if (mr > 9) store.Row(c + 9 * ldc, 9, c90, c91);
            if (mr > 10) store.Row(c + 10 * ldc, 10, ca0, ca1);
            if (mr > 11) store.Row(c + 11 * ldc, 11, cb0, cb1);
            return;
        }
        float* t = stackalloc float[MR * NR];
        Raw(t, c00, c01); Raw(t + NR, c10, c11); Raw(t + 2 * NR, c20, c21); Raw(t + 3 * NR, c30, c31);
        if (eight)
        {
            Raw(t + 4 * NR, c40, c41); Raw(t + 5 * NR, c50, c51); Raw(t + 6 * NR, c60, c61); Raw(t + 7 * NR, c70, c71);
        }
        if (twelve)
        {
            Raw(t + 8 * NR, c80, c81); Raw(t + 9 * NR, c90, c91); Raw(t + 10 * NR, ca0, ca1); Raw(t + 11 * NR, cb0, cb1);
        }
        store.Edge(t, c, ldc, mr, nr);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Raw(float* t, Vector512<float> x0, Vector512<float> x1)
    {
        Vector512.Store(x0, t);
        Vector512.Store(x1, t + 16);
    }
}
