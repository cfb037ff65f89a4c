using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Measures the machine's peak single-precision FMA throughput with register-only independent FMA chains
/// (16 chains, enough to cover FMA latency × issue width on current x64 cores): GFLOP/s = 2 · lanes · FMAs / s.
/// Uses the widest vector this machine runs (AVX-512, else AVX2+FMA, else scalar) — the same widths the SGEMM kernels use.
/// The rate is that of the fastest block (~10⁶ FMAs, a fraction of a millisecond) seen during the run, so time slices lost
/// to other processes on a shared machine do not lower the figure; with several threads it is the sum of per-thread rates.
/// </summary>
public static class FmaPeak
{
    private const int BlockIterations = 1 << 16;

    /// <summary>Runs the FMA loop on <paramref name="threads"/> dedicated threads for about <paramref name="duration"/>
    /// and returns the combined GFLOP/s (single-precision, one FMA = 2 FLOPs).</summary>
    public static double MeasureGflops(int threads, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var flops = new double[threads];
        var seconds = new double[threads];
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                (flops[index], seconds[index]) = Run(duration);
            })
            { IsBackground = true, Name = $"FmaPeak {t}" };
            workers[t].Start();
        }

        foreach (var w in workers) w.Join();
        double total = 0;
        for (int t = 0; t < threads; t++) total += flops[t] / seconds[t];
        return total / 1e9;
    }

    private static (double Flops, double Seconds) Run(TimeSpan duration)
    {
        // Warm-up block so the timed loop runs optimised code at full clock.
        Block(BlockIterations / 4);
        var total = Stopwatch.StartNew();
        long best = long.MaxValue;
        float sink = 0;
        while (total.Elapsed < duration)
        {
            long t0 = Stopwatch.GetTimestamp();
            sink += Block(BlockIterations);
            best = Math.Min(best, Stopwatch.GetTimestamp() - t0);
        }

        GC.KeepAlive(sink);
        int lanes = Avx512F.IsSupported ? 16 : Avx2.IsSupported && Fma.IsSupported ? 8 : 1;
        return (2.0 * lanes * 16 * BlockIterations, Math.Max(best, 1) / (double)Stopwatch.Frequency);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Block(int iterations)
    {
        if (Avx512F.IsSupported) return Block512(iterations);
        if (Avx2.IsSupported && Fma.IsSupported) return Block256(iterations);
        return Block1(iterations);
    }

    private static float Block512(int iterations)
    {
        var x = Vector512.Create(0.999999f);
        var y = Vector512.Create(1e-6f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0 + y, a2 = a1 + y, a3 = a2 + y, a4 = a3 + y, a5 = a4 + y, a6 = a5 + y, a7 = a6 + y;
        Vector512<float> a8 = a7 + y, a9 = a8 + y, a10 = a9 + y, a11 = a10 + y, a12 = a11 + y, a13 = a12 + y, a14 = a13 + y, a15 = a14 + y;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, x, y); a1 = Avx512F.FusedMultiplyAdd(a1, x, y);
            a2 = Avx512F.FusedMultiplyAdd(a2, x, y); a3 = Avx512F.FusedMultiplyAdd(a3, x, y);
            a4 = Avx512F.FusedMultiplyAdd(a4, x, y); a5 = Avx512F.FusedMultiplyAdd(a5, x, y);
            a6 = Avx512F.FusedMultiplyAdd(a6, x, y); a7 = Avx512F.FusedMultiplyAdd(a7, x, y);
            a8 = Avx512F.FusedMultiplyAdd(a8, x, y); a9 = Avx512F.FusedMultiplyAdd(a9, x, y);
            a10 = Avx512F.FusedMultiplyAdd(a10, x, y); a11 = Avx512F.FusedMultiplyAdd(a11, x, y);
            a12 = Avx512F.FusedMultiplyAdd(a12, x, y); a13 = Avx512F.FusedMultiplyAdd(a13, x, y);
            a14 = Avx512F.FusedMultiplyAdd(a14, x, y); a15 = Avx512F.FusedMultiplyAdd(a15, x, y);
        }

        var s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
        return Vector512.Sum(s);
    }

    private static float Block256(int iterations)
    {
        var x = Vector256.Create(0.999999f);
        var y = Vector256.Create(1e-6f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0 + y, a2 = a1 + y, a3 = a2 + y, a4 = a3 + y, a5 = a4 + y, a6 = a5 + y, a7 = a6 + y;
        Vector256<float> a8 = a7 + y, a9 = a8 + y, a10 = a9 + y, a11 = a10 + y, a12 = a11 + y, a13 = a12 + y, a14 = a13 + y, a15 = a14 + y;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, x, y); a1 = Fma.MultiplyAdd(a1, x, y);
            a2 = Fma.MultiplyAdd(a2, x, y); a3 = Fma.MultiplyAdd(a3, x, y);
            a4 = Fma.MultiplyAdd(a4, x, y); a5 = Fma.MultiplyAdd(a5, x, y);
            a6 = Fma.MultiplyAdd(a6, x, y); a7 = Fma.MultiplyAdd(a7, x, y);
            a8 = Fma.MultiplyAdd(a8, x, y); a9 = Fma.MultiplyAdd(a9, x, y);
            a10 = Fma.MultiplyAdd(a10, x, y); a11 = Fma.MultiplyAdd(a11, x, y);
            a12 = Fma.MultiplyAdd(a12, x, y); a13 = Fma.MultiplyAdd(a13, x, y);
            a14 = Fma.MultiplyAdd(a14, x, y); a15 = Fma.MultiplyAdd(a15, x, y);
        }

        var s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
        return Vector256.Sum(s);
    }

    private static float Block1(int iterations)
    {
        float a0 = 1, a1 = 1.1f, a2 = 1.2f, a3 = 1.3f, a4 = 1.4f, a5 = 1.5f, a6 = 1.6f, a7 = 1.7f;
        float a8 = 1.8f, a9 = 1.9f, a10 = 2, a11 = 2.1f, a12 = 2.2f, a13 = 2.3f, a14 = 2.4f, a15 = 2.5f;
        const float x = 0.999999f, y = 1e-6f;
        for (int i = 0; i < iterations; i++)
        {
            a0 = a0 * x + y; a1 = a1 * x + y; a2 = a2 * x + y; a3 = a3 * x + y;
            a4 = a4 * x + y; a5 = a5 * x + y; a6 = a6 * x + y; a7 = a7 * x + y;
            a8 = a8 * x + y; a9 = a9 * x + y; a10 = a10 * x + y; a11 = a11 * x + y;
            a12 = a12 * x + y; a13 = a13 * x + y; a14 = a14 * x + y; a15 = a15 * x + y;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
    }
}
