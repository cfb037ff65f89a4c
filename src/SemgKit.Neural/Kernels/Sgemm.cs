using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// <c>C = alpha · op(A) · op(B) + beta · C</c>, where op(A) is M×K and op(B) is K×N.
/// </summary>
/// <remarks>
/// <para>
/// Leading dimensions are row strides (row-major): A is M×K with stride <c>lda ≥ K</c> (or K×M with <c>lda ≥ M</c> when transposed),
/// B is K×N with <c>ldb ≥ N</c> (or N×K with <c>ldb ≥ K</c> when transposed), C is M×N with <c>ldc ≥ N</c>.
/// When <c>beta</c> is 0, C is overwritten without being read (NaN in C does not propagate).
/// </para>
/// <para>
/// Implementation (GotoBLAS/BLIS structure): for problems large enough to amortise packing, panels of op(B)
/// (KC×NC, NR-column micro-panels) and op(A) (MC×KC, MR-row micro-panels) are packed into contiguous 64-byte-aligned
/// buffers and multiplied by a register-blocked FMA micro-kernel (AVX-512 12×32, AVX2 6×16, scalar 4×4 fallback).
/// Small problems and batch-1 products (M = 1, GEMV-like) run an unpacked SIMD path.
/// Pack buffers are a per-thread cache (<c>[ThreadStatic]</c>, grown on demand, never shrunk), so steady-state calls
/// do not allocate on the single-threaded path; it is an implementation detail, not observable state.
/// </para>
/// <para>
/// Results are deterministic and independent of <c>threads</c>: the path and blocking depend on the shape only, and
/// threads split C into tile-aligned column (or row) ranges, so each element is computed by exactly one thread with
/// the same summation order. Results for 1 and 2 threads are bit-identical.
/// </para>
/// </remarks>
public static partial class Sgemm
{
    /// <summary>At or below this many multiply-adds (M·N·K), or for M ≤ 2, the unpacked path is used (measured crossover ≈ 18³).</summary>
    internal const long DirectMaxWork = 5000;

    /// <summary>Below this many multiply-adds (M·N·K) the work stays on the calling thread.</summary>
    internal const long ParallelMinWork = 128L * 128 * 128;

    /// <summary>
    /// Below this many multiply-adds an unpacked product (a batch-1 dense layer) stays on the calling thread; above it,
    /// columns are split over the threads in groups of <see cref="DirectColumnGroup"/> (a multiple of every kernel's
    /// four-vector column block and four-column dot block).
    /// </summary>
    internal const long DirectParallelMinWork = 1_000_000;

    internal const int DirectColumnGroup = 64;

    /// <param name="threads">Upper bound on worker threads (1 = run on the calling thread only; values below 1 are treated as 1).</param>
    public static void Multiply(
        bool transposeA, bool transposeB,
        int m, int n, int k,
        float alpha,
        ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta,
        Span<float> c, int ldc,
        int threads = 1)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, default);

    /// <summary>Same as the public overload, with the kernel, path and blocking forced (tests and tuning).</summary>
    internal static unsafe void Multiply(
        bool transposeA, bool transposeB,
        int m, int n, int k,
        float alpha,
        ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta,
        Span<float> c, int ldc,
        int threads,
        SgemmOptions options)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        var kernel = Resolve(options.Kernel);

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (k == 0 || alpha == 0)
            {
                ScaleC(pc, m, n, ldc, beta);
                return;
            }

            var problem = new Problem(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            bool direct = options.Path switch
            {
                SgemmPath.Direct => true,
                SgemmPath.Packed => false,
                _ => m <= 2 || (long)m * n * k <= DirectMaxWork,
            };

            threads = Math.Max(1, threads);
            if (direct)
            {
                // Columns split in whole groups, the last part taking the remainder, so every element runs the same code
                // path (vector groups, then the tail) as in one call.
                int groups = n / DirectColumnGroup;
                int parts = Math.Min(threads, groups);
                if (parts > 1 && (long)m * n * k >= DirectParallelMinWork) ForkJoin.Run(parts, new DirectJob(problem, kernel, groups));
                else Direct(kernel, in problem);
                return;
            }

            if ((long)m * n * k < ParallelMinWork) threads = 1;
            switch (kernel)
            {
                case SgemmKernel.Avx512: Packed<Avx512Kernel>(in problem, options.Blocking, threads); break;
                case SgemmKernel.Avx2: Packed<Avx2Kernel>(in problem, options.Blocking, threads); break;
                default: Packed<ScalarKernel>(in problem, options.Blocking, threads); break;
            }
        }
    }

    private static void Direct(SgemmKernel kernel, in Problem problem)
    {
        switch (kernel)
        {
            case SgemmKernel.Avx512: Direct<Simd512, Vector512<float>>(in problem); break;
            case SgemmKernel.Avx2: Direct<Simd256, Vector256<float>>(in problem); break;
            default: Direct<Simd1, float>(in problem); break;
        }
    }

    private readonly struct DirectJob(Problem problem, SgemmKernel kernel, int groups) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            int j0 = groups * part / parts * DirectColumnGroup;
            int j1 = part == parts - 1 ? problem.N : groups * (part + 1) / parts * DirectColumnGroup;
            Direct(kernel, problem.Columns(j0, j1));
        }
    }

    /// <summary>The best kernel this machine supports, or the requested one (throws when it is not supported).</summary>
    internal static SgemmKernel Resolve(SgemmKernel requested)
    {
        switch (requested)
        {
            case SgemmKernel.Auto:
                if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated) return SgemmKernel.Avx512;
                if (Avx2.IsSupported && Fma.IsSupported) return SgemmKernel.Avx2;
                return SgemmKernel.Scalar;
            case SgemmKernel.Avx512 when !Avx512F.IsSupported:
            case SgemmKernel.Avx2 when !(Avx2.IsSupported && Fma.IsSupported):
                throw new PlatformNotSupportedException($"The {requested} SGEMM kernel is not supported on this CPU.");
            default:
                return requested;
        }
    }

    /// <summary>Whether the given kernel can run here (tests use it to skip).</summary>
    internal static bool IsSupported(SgemmKernel kernel) => kernel switch
    {
        SgemmKernel.Avx512 => Avx512F.IsSupported,
        SgemmKernel.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };

    private static unsafe void ScaleC(float* c, int m, int n, int ldc, float beta)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (nint)i * ldc, n);
            if (beta == 0) row.Clear();
            else if (beta != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the spans are too short for the given shapes and strides.</summary>
    internal static void Validate(bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        if (aRows > 0 && aCols > 0 && (lda < aCols || (long)(aRows - 1) * lda + aCols > aLength))
            throw new ArgumentException($"A ({aRows}×{aCols}, lda {lda}) does not fit in {aLength} values.");
        if (bRows > 0 && bCols > 0 && (ldb < bCols || (long)(bRows - 1) * ldb + bCols > bLength))
            throw new ArgumentException($"B ({bRows}×{bCols}, ldb {ldb}) does not fit in {bLength} values.");
        if (m > 0 && n > 0 && (ldc < n || (long)(m - 1) * ldc + n > cLength))
            throw new ArgumentException($"C ({m}×{n}, ldc {ldc}) does not fit in {cLength} values.");
    }

    /// <summary>One validated call, as raw pointers (the spans are pinned for the duration of the call).</summary>
    internal readonly unsafe struct Problem(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        public readonly bool TransposeA = transposeA, TransposeB = transposeB;
        public readonly int M = m, N = n, K = k;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly float* A = a, B = b, C = c;
        public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;

        /// <summary>The same product restricted to columns [j0, j1) of C.</summary>
        public Problem Columns(int j0, int j1) =>
            new(TransposeA, TransposeB, M, j1 - j0, K, Alpha, A, (int)Lda, TransposeB ? B + j0 * Ldb : B + j0, (int)Ldb, Beta, C + j0, (int)Ldc);
    }
}

/// <summary>Which micro-kernel family runs (tests force each one; <see cref="Auto"/> picks the best supported).</summary>
internal enum SgemmKernel
{
    Auto,
    Avx512,
    Avx2,
    Scalar,
}

/// <summary>Unpacked (direct) or packed path; <see cref="Auto"/> decides by shape.</summary>
internal enum SgemmPath
{
    Auto,
    Direct,
    Packed,
}

/// <summary>Cache blocking; zero fields take the kernel's tuned default.</summary>
internal readonly record struct SgemmBlocking(int Kc = 0, int Mc = 0, int Nc = 0);

/// <summary>Internal knobs of <see cref="Sgemm"/> for tests and tuning.</summary>
internal readonly record struct SgemmOptions(
    SgemmKernel Kernel = SgemmKernel.Auto,
    SgemmPath Path = SgemmPath.Auto,
    SgemmBlocking Blocking = default);
