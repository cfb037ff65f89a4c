using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemgKit.Neural.Kernels;

public static partial class Sgemm
{
    /// <summary>
    /// Unpacked path for small products and batch-1 (M = 1) inference. With op(B) = B (rows contiguous in N), each C row
    /// is a sum of scaled B rows held in 4 vector accumulators; with op(B) = Bᵀ, each C element is a dot product of an A row
    /// and a B row (4 outputs at a time sharing the A loads).
    /// </summary>
    private static unsafe void Direct<TSimd, TVec>(in Problem p)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        if (!p.TransposeB) DirectRows<TSimd, TVec>(in p);
        else DirectDots<TSimd, TVec>(in p);
    }

    private static unsafe void DirectRows<TSimd, TVec>(in Problem p)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int w = TSimd.Width;
        int n = p.N, k = p.K;
        nint ldb = p.Ldb;
        nint sai = p.TransposeA ? 1 : p.Lda, sap = p.TransposeA ? p.Lda : 1;
        float* tail = stackalloc float[64];
        for (int i = 0; i < p.M; i++)
        {
            float* ai = p.A + i * sai;
            float* ci = p.C + i * p.Ldc;
            int j = 0;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
                float* bp = p.B + j;
                for (int q = 0; q < k; q++, bp += ldb)
                {
                    var av = TSimd.Broadcast(ai[q * sap]);
                    s0 = TSimd.Fma(av, TSimd.Load(bp), s0);
                    s1 = TSimd.Fma(av, TSimd.Load(bp + w), s1);
                    s2 = TSimd.Fma(av, TSimd.Load(bp + 2 * w), s2);
                    s3 = TSimd.Fma(av, TSimd.Load(bp + 3 * w), s3);
                }

                TSimd.StoreScaled(ci + j, s0, p.Alpha, p.Beta);
                TSimd.StoreScaled(ci + j + w, s1, p.Alpha, p.Beta);
                TSimd.StoreScaled(ci + j + 2 * w, s2, p.Alpha, p.Beta);
                TSimd.StoreScaled(ci + j + 3 * w, s3, p.Alpha, p.Beta);
            }

            if (j < n && n >= w)
            {
                // 1..4 vectors of columns left: one pass over k with up to 4 chains; the last vector is shifted left to
                // end at column n (overlapping columns already stored) and only its new lanes are stored.
                int v = (n - j + w - 1) / w;
                float* b0 = p.B + Math.Min(j, n - w), b1 = p.B + Math.Min(j + w, n - w);
                float* b2 = p.B + Math.Min(j + 2 * w, n - w), b3 = p.B + Math.Min(j + 3 * w, n - w);
                TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
                nint off = 0;
                for (int q = 0; q < k; q++, off += ldb)
                {
                    var av = TSimd.Broadcast(ai[q * sap]);
                    s0 = TSimd.Fma(av, TSimd.Load(b0 + off), s0);
                    if (v > 1) s1 = TSimd.Fma(av, TSimd.Load(b1 + off), s1);
                    if (v > 2) s2 = TSimd.Fma(av, TSimd.Load(b2 + off), s2);
                    if (v > 3) s3 = TSimd.Fma(av, TSimd.Load(b3 + off), s3);
                }

                TSimd.Store(tail, s0);
                TSimd.Store(tail + w, s1);
                TSimd.Store(tail + 2 * w, s2);
                TSimd.Store(tail + 3 * w, s3);
                int last = v - 1, lastStart = n - w;
                for (int t = 0; t < last; t++) StoreScaledScalar(ci + j + t * w, tail + t * w, w, p.Alpha, p.Beta);
                int done = j + last * w;
                StoreScaledScalar(ci + done, tail + last * w + (done - lastStart), n - done, p.Alpha, p.Beta);
            }
            else if (j < n)
            {
                // Fewer columns than one vector: accumulate them together (independent chains), k outer.
                int rem = n - j;
                for (int t = 0; t < rem; t++) tail[t] = 0;
                float* bp = p.B + j;
                for (int q = 0; q < k; q++, bp += ldb)
                {
                    float av = ai[q * sap];
                    for (int t = 0; t < rem; t++) tail[t] = MathF.FusedMultiplyAdd(av, bp[t], tail[t]);
                }

                StoreScaledScalar(ci + j, tail, rem, p.Alpha, p.Beta);
            }
        }
    }

    private static unsafe void DirectDots<TSimd, TVec>(in Problem p)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int n = p.N, k = p.K;
        nint ldb = p.Ldb;
        float* row = p.TransposeA ? SgemmScratch.ForCurrentThread().Row(k) : null;
        float* dots = stackalloc float[4];
        for (int i = 0; i < p.M; i++)
        {
            float* ai;
            if (p.TransposeA)
            {
                for (int q = 0; q < k; q++) row[q] = p.A[q * p.Lda + i];
                ai = row;
            }
            else
            {
                ai = p.A + i * p.Lda;
            }

            float* ci = p.C + i * p.Ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Dot4<TSimd, TVec>(ai, p.B + j * ldb, ldb, k, dots);
                StoreScaledScalar(ci + j, dots, 4, p.Alpha, p.Beta);
            }

            for (; j < n; j++)
            {
                dots[0] = Dot<TSimd, TVec>(ai, p.B + j * ldb, k);
                StoreScaledScalar(ci + j, dots, 1, p.Alpha, p.Beta);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Dot4<TSimd, TVec>(float* x, float* y, nint ldy, int k, float* result)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int w = TSimd.Width;
        float* y0 = y, y1 = y + ldy, y2 = y + 2 * ldy, y3 = y + 3 * ldy;
        TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        int q = 0;
        for (; q + w <= k; q += w)
        {
            var xv = TSimd.Load(x + q);
            s0 = TSimd.Fma(xv, TSimd.Load(y0 + q), s0);
            s1 = TSimd.Fma(xv, TSimd.Load(y1 + q), s1);
            s2 = TSimd.Fma(xv, TSimd.Load(y2 + q), s2);
            s3 = TSimd.Fma(xv, TSimd.Load(y3 + q), s3);
        }

        float r0 = TSimd.Sum(s0), r1 = TSimd.Sum(s1), r2 = TSimd.Sum(s2), r3 = TSimd.Sum(s3);
        for (; q < k; q++)
        {
            float xq = x[q];
            r0 = MathF.FusedMultiplyAdd(xq, y0[q], r0);
            r1 = MathF.FusedMultiplyAdd(xq, y1[q], r1);
            r2 = MathF.FusedMultiplyAdd(xq, y2[q], r2);
            r3 = MathF.FusedMultiplyAdd(xq, y3[q], r3);
        }

        result[0] = r0;
        result[1] = r1;
        result[2] = r2;
        result[3] = r3;
    }

    private static unsafe float Dot<TSimd, TVec>(float* x, float* y, int k)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int w = TSimd.Width;
        TVec s0 = TSimd.Zero, s1 = TSimd.Zero;
        int q = 0;
        for (; q + 2 * w <= k; q += 2 * w)
        {
            s0 = TSimd.Fma(TSimd.Load(x + q), TSimd.Load(y + q), s0);
            s1 = TSimd.Fma(TSimd.Load(x + q + w), TSimd.Load(y + q + w), s1);
        }

        if (q + w <= k)
        {
            s0 = TSimd.Fma(TSimd.Load(x + q), TSimd.Load(y + q), s0);
            q += w;
        }

        float r = TSimd.Sum(TSimd.Add(s0, s1));
        for (; q < k; q++) r = MathF.FusedMultiplyAdd(x[q], y[q], r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreScaledScalar(float* c, float* values, int count, float alpha, float beta)
    {
        if (beta == 0)
            for (int t = 0; t < count; t++) c[t] = alpha * values[t];
        else
            for (int t = 0; t < count; t++) c[t] = MathF.FusedMultiplyAdd(values[t], alpha, beta * c[t]);
    }
}

/// <summary>The handful of vector operations the direct path needs, specialised per width by the JIT (struct generics).</summary>
internal unsafe interface ISimd<TVec> where TVec : struct
{
    static abstract int Width { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Load(float* p);
    static abstract void Store(float* p, TVec v);
    static abstract TVec Broadcast(float x);
    static abstract TVec Fma(TVec a, TVec b, TVec c);
    static abstract TVec Add(TVec a, TVec b);
    static abstract float Sum(TVec v);

    /// <summary><c>c = alpha·v</c> when beta is 0 (c not read), else <c>c = fma(v, alpha, beta·c)</c>.</summary>
    static abstract void StoreScaled(float* c, TVec v, float alpha, float beta);
}

internal unsafe struct Simd512 : ISimd<Vector512<float>>
{
    public static int Width => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    public static Vector512<float> Load(float* p) => Vector512.Load(p);
    public static void Store(float* p, Vector512<float> v) => Vector512.Store(v, p);
    public static Vector512<float> Broadcast(float x) => Vector512.Create(x);
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    public static float Sum(Vector512<float> v) => Vector512.Sum(v);

    public static void StoreScaled(float* c, Vector512<float> v, float alpha, float beta)
    {
        if (beta == 0) Vector512.Store(v * alpha, c);
        else Vector512.Store(Avx512F.FusedMultiplyAdd(v, Vector512.Create(alpha), Vector512.Create(beta) * Vector512.Load(c)), c);
    }
}

internal unsafe struct Simd256 : ISimd<Vector256<float>>
{
    public static int Width => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    public static Vector256<float> Load(float* p) => Vector256.Load(p);
    public static void Store(float* p, Vector256<float> v) => Vector256.Store(v, p);
    public static Vector256<float> Broadcast(float x) => Vector256.Create(x);
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c);
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    public static float Sum(Vector256<float> v) => Vector256.Sum(v);

    public static void StoreScaled(float* c, Vector256<float> v, float alpha, float beta)
    {
        if (beta == 0) Vector256.Store(v * alpha, c);
        else Vector256.Store(System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(v, Vector256.Create(alpha), Vector256.Create(beta) * Vector256.Load(c)), c);
    }
}

/// <summary>Width-1 "vector" so the scalar fallback shares the direct-path code.</summary>
internal unsafe struct Simd1 : ISimd<float>
{
    public static int Width => 1;
    public static float Zero => 0f;
    public static float Load(float* p) => *p;
    public static void Store(float* p, float v) => *p = v;
    public static float Broadcast(float x) => x;
    public static float Fma(float a, float b, float c) => a * b + c;
    public static float Add(float a, float b) => a + b;
    public static float Sum(float v) => v;

    public static void StoreScaled(float* c, float v, float alpha, float beta)
    {
        if (beta == 0) *c = alpha * v;
        else *c = MathF.FusedMultiplyAdd(v, alpha, beta * *c);
    }
}
