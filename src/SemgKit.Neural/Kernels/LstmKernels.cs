using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Fused element-wise passes of the LSTM cell (PyTorch gate order i, f, g, o) and the activations they use.
/// The matrix products around them (input projection for all steps, recurrent product per step) go through
/// <see cref="Sgemm"/>; these kernels do everything else of a step in one SIMD pass over the hidden units.
/// </summary>
/// <remarks>
/// <para>σ(x) = 1 / (1 + e^−x) and tanh(x) = 2σ(2x) − 1 use one exp approximation (Cephes expf: range reduction
/// x = n·ln2 + r, degree-6 polynomial for e^r, 2^n via the exponent bits); relative error of e^x below 2e-7, absolute error of σ and
/// tanh below 3e-7. The 512- and 256-bit bodies and the scalar tail use the same polynomial and operation order.</para>
/// </remarks>
public static class LstmKernels
{
    private const float ExpHi = 88f, ExpLo = -87f; // keeps 2^n a normal float
    private const float Log2E = 1.44269504088896341f, Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;
    private const float P0 = 1.9875691500E-4f, P1 = 1.3981999507E-3f, P2 = 8.3334519073E-3f, P3 = 4.1665795894E-2f, P4 = 1.6666665459E-1f, P5 = 5.0000001201E-1f;

    /// <summary>
    /// One cell step for one sample. <paramref name="gates"/> (4H) holds the pre-activations W_ih·x + b_ih + W_hh·h + b_hh on entry
    /// and the activations (i, f, g, o) on return; c = f·c_prev + i·g, h = o·tanh(c). An empty <paramref name="cPrev"/> means zeros.
    /// </summary>
    public static void ForwardStep(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> h)
    {
        int hidden = c.Length;
        if (gates.Length != 4 * hidden || h.Length != hidden || (!cPrev.IsEmpty && cPrev.Length != hidden))
            throw new ArgumentException("LSTM step: gates must be 4H and c_prev, c, h H long.");
        ref float g = ref gates[0];
        ref float cp = ref cPrev.IsEmpty ? ref Unsafe.NullRef<float>() : ref Unsafe.AsRef(in cPrev[0]);
        bool hasPrev = !cPrev.IsEmpty;
        ref float cr = ref c[0];
        ref float hr = ref h[0];
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= hidden - 16; j += 16)
            {
                var i = Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)j));
                var f = Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)(hidden + j)));
                var gg = Tanh(Vector512.LoadUnsafe(ref g, (nuint)(2 * hidden + j)));
                var o = Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)(3 * hidden + j)));
                var cn = i * gg;
                if (hasPrev) cn += f * Vector512.LoadUnsafe(ref cp, (nuint)j);
                var hn = o * Tanh(cn);
                i.StoreUnsafe(ref g, (nuint)j);
                f.StoreUnsafe(ref g, (nuint)(hidden + j));
                gg.StoreUnsafe(ref g, (nuint)(2 * hidden + j));
                o.StoreUnsafe(ref g, (nuint)(3 * hidden + j));
                cn.StoreUnsafe(ref cr, (nuint)j);
                hn.StoreUnsafe(ref hr, (nuint)j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= hidden - 8; j += 8)
            {
                var i = Sigmoid(Vector256.LoadUnsafe(ref g, (nuint)j));
                var f = Sigmoid(Vector256.LoadUnsafe(ref g, (nuint)(hidden + j)));
                var gg = Tanh(Vector256.LoadUnsafe(ref g, (nuint)(2 * hidden + j)));
                var o = Sigmoid(Vector256.LoadUnsafe(ref g, (nuint)(3 * hidden + j)));
                var cn = i * gg;
                if (hasPrev) cn += f * Vector256.LoadUnsafe(ref cp, (nuint)j);
                var hn = o * Tanh(cn);
                i.StoreUnsafe(ref g, (nuint)j);
                f.StoreUnsafe(ref g, (nuint)(hidden + j));
                gg.StoreUnsafe(ref g, (nuint)(2 * hidden + j));
                o.StoreUnsafe(ref g, (nuint)(3 * hidden + j));
                cn.StoreUnsafe(ref cr, (nuint)j);
                hn.StoreUnsafe(ref hr, (nuint)j);
            }
        }
        for (; j < hidden; j++)
        {
            float i = Sigmoid(Unsafe.Add(ref g, j));
            float f = Sigmoid(Unsafe.Add(ref g, hidden + j));
            float gg = Tanh(Unsafe.Add(ref g, 2 * hidden + j));
            float o = Sigmoid(Unsafe.Add(ref g, 3 * hidden + j));
            float cn = i * gg;
            if (hasPrev) cn += f * Unsafe.Add(ref cp, j);
            Unsafe.Add(ref g, j) = i;
            Unsafe.Add(ref g, hidden + j) = f;
            Unsafe.Add(ref g, 2 * hidden + j) = gg;
            Unsafe.Add(ref g, 3 * hidden + j) = o;
            Unsafe.Add(ref cr, j) = cn;
            Unsafe.Add(ref hr, j) = o * Tanh(cn);
        }
    }

    /// <summary>
    /// Backward of one cell step for one sample. Inputs: the activations (i, f, g, o) of the step, c_prev (empty = zeros), c,
    /// and dh = <paramref name="dhOut"/> + <paramref name="dhRecurrent"/> (empty = zeros). <paramref name="dc"/> holds dL/dc from
    /// the later step on entry (through c_next = f_next·c + …, already multiplied by f_next) and dL/dc·f on return (what the earlier
    /// step receives). Writes the pre-activation gradients into <paramref name="dGates"/> (4H).
    /// </summary>
    public static void BackwardStep(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> c,
        ReadOnlySpan<float> dhOut, ReadOnlySpan<float> dhRecurrent, Span<float> dc, Span<float> dGates)
    {
        int hidden = c.Length;
        if (gates.Length != 4 * hidden || dGates.Length != 4 * hidden || dhOut.Length != hidden || dc.Length != hidden
            || (!cPrev.IsEmpty && cPrev.Length != hidden) || (!dhRecurrent.IsEmpty && dhRecurrent.Length != hidden))
            throw new ArgumentException("LSTM backward step: gates must be 4H and the state vectors H long.");
        ref float g = ref Unsafe.AsRef(in gates[0]);
        ref float cp = ref cPrev.IsEmpty ? ref Unsafe.NullRef<float>() : ref Unsafe.AsRef(in cPrev[0]);
        ref float dr = ref dhRecurrent.IsEmpty ? ref Unsafe.NullRef<float>() : ref Unsafe.AsRef(in dhRecurrent[0]);
        bool hasPrev = !cPrev.IsEmpty, hasRec = !dhRecurrent.IsEmpty;
        ref float cr = ref Unsafe.AsRef(in c[0]);
        ref float dho = ref Unsafe.AsRef(in dhOut[0]);
        ref float dcr = ref dc[0];
        ref float dg = ref dGates[0];
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(1f);
            for (; j <= hidden - 16; j += 16)
            {
                var i = Vector512.LoadUnsafe(ref g, (nuint)j);
                var f = Vector512.LoadUnsafe(ref g, (nuint)(hidden + j));
                var gg = Vector512.LoadUnsafe(ref g, (nuint)(2 * hidden + j));
                var o = Vector512.LoadUnsafe(ref g, (nuint)(3 * hidden + j));
                var dh = Vector512.LoadUnsafe(ref dho, (nuint)j);
                if (hasRec) dh += Vector512.LoadUnsafe(ref dr, (nuint)j);
                var tc = Tanh(Vector512.LoadUnsafe(ref cr, (nuint)j));
                var dcv = Vector512.LoadUnsafe(ref dcr, (nuint)j) + dh * o * (one - tc * tc);
                var cpv = hasPrev ? Vector512.LoadUnsafe(ref cp, (nuint)j) : Vector512<float>.Zero;
                (dcv * gg * i * (one - i)).StoreUnsafe(ref dg, (nuint)j);
                (dcv * cpv * f * (one - f)).StoreUnsafe(ref dg, (nuint)(hidden + j));
                (dcv * i * (one - gg * gg)).StoreUnsafe(ref dg, (nuint)(2 * hidden + j));
                (dh * tc * o * (one - o)).StoreUnsafe(ref dg, (nuint)(3 * hidden + j));
                (dcv * f).StoreUnsafe(ref dcr, (nuint)j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(1f);
            for (; j <= hidden - 8; j += 8)
            {
                var i = Vector256.LoadUnsafe(ref g, (nuint)j);
                var f = Vector256.LoadUnsafe(ref g, (nuint)(hidden + j));
                var gg = Vector256.LoadUnsafe(ref g, (nuint)(2 * hidden + j));
                var o = Vector256.LoadUnsafe(ref g, (nuint)(3 * hidden + j));
                var dh = Vector256.LoadUnsafe(ref dho, (nuint)j);
                if (hasRec) dh += Vector256.LoadUnsafe(ref dr, (nuint)j);
                var tc = Tanh(Vector256.LoadUnsafe(ref cr, (nuint)j));
                var dcv = Vector256.LoadUnsafe(ref dcr, (nuint)j) + dh * o * (one - tc * tc);
                var cpv = hasPrev ? Vector256.LoadUnsafe(ref cp, (nuint)j) : Vector256<float>.Zero;
                (dcv * gg * i * (one - i)).StoreUnsafe(ref dg, (nuint)j);
                (dcv * cpv * f * (one - f)).StoreUnsafe(ref dg, (nuint)(hidden + j));
                (dcv * i * (one - gg * gg)).StoreUnsafe(ref dg, (nuint)(2 * hidden + j));
                (dh * tc * o * (one - o)).StoreUnsafe(ref dg, (nuint)(3 * hidden + j));
                (dcv * f).StoreUnsafe(ref dcr, (nuint)j);
            }
        }
        for (; j < hidden; j++)
        {
            float i = Unsafe.Add(ref g, j), f = Unsafe.Add(ref g, hidden + j), gg = Unsafe.Add(ref g, 2 * hidden + j), o = Unsafe.Add(ref g, 3 * hidden + j);
            float dh = Unsafe.Add(ref dho, j) + (hasRec ? Unsafe.Add(ref dr, j) : 0f);
            float tc = Tanh(Unsafe.Add(ref cr, j));
            float dcv = Unsafe.Add(ref dcr, j) + dh * o * (1f - tc * tc);
            float cpv = hasPrev ? Unsafe.Add(ref cp, j) : 0f;
            Unsafe.Add(ref dg, j) = dcv * gg * i * (1f - i);
            Unsafe.Add(ref dg, hidden + j) = dcv * cpv * f * (1f - f);
            Unsafe.Add(ref dg, 2 * hidden + j) = dcv * i * (1f - gg * gg);
            Unsafe.Add(ref dg, 3 * hidden + j) = dh * tc * o * (1f - o);
            Unsafe.Add(ref dcr, j) = dcv * f;
        }
    }

    /// <summary>Whether <see cref="MultiplyRows"/> can run here for an output <paramref name="width"/> wide and <paramref name="rows"/> rows.</summary>
    public static bool CanMultiplyRows(int rows, int width) => Vector512.IsHardwareAccelerated && rows >= 4 && width % 16 == 0;

    /// <summary>
    /// The recurrent product of one step, C (rows, width) += A (rows, K) · B (K, width), with A rows <paramref name="lda"/> apart
    /// (a time slice of a batch-first buffer), B row-major and contiguous, C rows <paramref name="ldc"/> apart. A register-blocked
    /// AVX-512 kernel (4 rows × 64 columns, 16 accumulators) that reads B in place, so the weight is not re-packed at every step as
    /// a general SGEMM would. Requires <see cref="CanMultiplyRows"/>.
    /// </summary>
    public static unsafe void MultiplyRows(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, Span<float> c, int ldc, int rows, int k, int width)
    {
        if (!CanMultiplyRows(rows, width)) throw new ArgumentException("MultiplyRows needs AVX-512, at least 4 rows and a width that is a multiple of 16.");
        Sgemm.Validate(false, false, rows, width, k, a.Length, lda, b.Length, width, c.Length, ldc);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            int r = 0;
            for (; r <= rows - 4; r += 4)
            {
                float* a0 = pa + (nint)r * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
                float* c0 = pc + (nint)r * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                int j = 0;
                for (; j <= width - 64; j += 64) Block4x64(a0, a1, a2, a3, pb + j, width, k, c0 + j, c1 + j, c2 + j, c3 + j);
                for (; j < width; j += 16) Block4x16(a0, a1, a2, a3, pb + j, width, k, c0 + j, c1 + j, c2 + j, c3 + j);
            }
            for (; r < rows; r++)
            {
                float* ar = pa + (nint)r * lda, cr = pc + (nint)r * ldc;
                for (int j = 0; j < width; j += 16)
                {
                    var acc = Vector512.Load(cr + j);
                    for (int p = 0; p < k; p++) acc = Vector512.FusedMultiplyAdd(Vector512.Create(ar[p]), Vector512.Load(pb + (nint)p * width + j), acc);
                    acc.Store(cr + j);
                }
            }
        }
    }

    private static unsafe void Block4x64(float* a0, float* a1, float* a2, float* a3, float* b, int ldb, int k, float* c0, float* c1, float* c2, float* c3)
    {
        Vector512<float> x00 = Vector512.Load(c0), x01 = Vector512.Load(c0 + 16), x02 = Vector512.Load(c0 + 32), x03 = Vector512.Load(c0 + 48);
        Vector512<float> x10 = Vector512.Load(c1), x11 = Vector512.Load(c1 + 16), x12 = Vector512.Load(c1 + 32), x13 = Vector512.Load(c1 + 48);
        Vector512<float> x20 = Vector512.Load(c2), x21 = Vector512.Load(c2 + 16), x22 = Vector512.Load(c2 + 32), x23 = Vector512.Load(c2 + 48);
        Vector512<float> x30 = Vector512.Load(c3), x31 = Vector512.Load(c3 + 16), x32 = Vector512.Load(c3 + 32), x33 = Vector512.Load(c3 + 48);
        for (int p = 0; p < k; p++)
        {
            float* bp = b + (nint)p * ldb;
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            var b2 = Vector512.Load(bp + 32);
            var b3 = Vector512.Load(bp + 48);
            var s = Vector512.Create(a0[p]);
            x00 = Vector512.FusedMultiplyAdd(s, b0, x00); x01 = Vector512.FusedMultiplyAdd(s, b1, x01);
            x02 = Vector512.FusedMultiplyAdd(s, b2, x02); x03 = Vector512.FusedMultiplyAdd(s, b3, x03);
            s = Vector512.Create(a1[p]);
            x10 = Vector512.FusedMultiplyAdd(s, b0, x10); x11 = Vector512.FusedMultiplyAdd(s, b1, x11);
            x12 = Vector512.FusedMultiplyAdd(s, b2, x12); x13 = Vector512.FusedMultiplyAdd(s, b3, x13);
            s = Vector512.Create(a2[p]);
            x20 = Vector512.FusedMultiplyAdd(s, b0, x20); x21 = Vector512.FusedMultiplyAdd(s, b1, x21);
            x22 = Vector512.FusedMultiplyAdd(s, b2, x22); x23 = Vector512.FusedMultiplyAdd(s, b3, x23);
            s = Vector512.Create(a3[p]);
            x30 = Vector512.FusedMultiplyAdd(s, b0, x30); x31 = Vector512.FusedMultiplyAdd(s, b1, x31);
            x32 = Vector512.FusedMultiplyAdd(s, b2, x32); x33 = Vector512.FusedMultiplyAdd(s, b3, x33);
        }
        x00.Store(c0); x01.Store(c0 + 16); x02.Store(c0 + 32); x03.Store(c0 + 48);
        x10.Store(c1); x11.Store(c1 + 16); x12.Store(c1 + 32); x13.Store(c1 + 48);
        x20.Store(c2); x21.Store(c2 + 16); x22.Store(c2 + 32); x23.Store(c2 + 48);
        x30.Store(c3); x31.Store(c3 + 16); x32.Store(c3 + 32); x33.Store(c3 + 48);
    }

    private static unsafe void Block4x16(float* a0, float* a1, float* a2, float* a3, float* b, int ldb, int k, float* c0, float* c1, float* c2, float* c3)
    {
        Vector512<float> x0 = Vector512.Load(c0), x1 = Vector512.Load(c1), x2 = Vector512.Load(c2), x3 = Vector512.Load(c3);
        for (int p = 0; p < k; p++)
        {
            var bv = Vector512.Load(b + (nint)p * ldb);
            x0 = Vector512.FusedMultiplyAdd(Vector512.Create(a0[p]), bv, x0);
            x1 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[p]), bv, x1);
            x2 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[p]), bv, x2);
            x3 = Vector512.FusedMultiplyAdd(Vector512.Create(a3[p]), bv, x3);
        }
        x0.Store(c0); x1.Store(c1); x2.Store(c2); x3.Store(c3);
    }

    /// <summary>Element-wise σ(x) with the kernel's approximation (vector body, scalar tail).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("Destination too short.", nameof(y));
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j <= x.Length - 16; j += 16) Sigmoid(Vector512.Create(x.Slice(j, 16))).CopyTo(y.Slice(j, 16));
        if (Vector256.IsHardwareAccelerated)
            for (; j <= x.Length - 8; j += 8) Sigmoid(Vector256.Create(x.Slice(j, 8))).CopyTo(y.Slice(j, 8));
        for (; j < x.Length; j++) y[j] = Sigmoid(x[j]);
    }

    /// <summary>Element-wise tanh(x) with the kernel's approximation (vector body, scalar tail).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("Destination too short.", nameof(y));
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j <= x.Length - 16; j += 16) Tanh(Vector512.Create(x.Slice(j, 16))).CopyTo(y.Slice(j, 16));
        if (Vector256.IsHardwareAccelerated)
            for (; j <= x.Length - 8; j += 8) Tanh(Vector256.Create(x.Slice(j, 8))).CopyTo(y.Slice(j, 8));
        for (; j < x.Length; j++) y[j] = Tanh(x[j]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLo)), Vector256.Create(ExpHi));
        var n = Vector256.Round(x * Vector256.Create(Log2E));
        var r = x - n * Vector256.Create(Ln2Hi) - n * Vector256.Create(Ln2Lo);
        var p = Vector256.Create(P0);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r + Vector256.Create(1f));
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sigmoid(Vector256<float> x) => Vector256.Create(1f) / (Vector256.Create(1f) + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> x)
    {
        var one = Vector256.Create(1f);
        return (one + one) / (one + Exp(-(x + x))) - one;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLo)), Vector512.Create(ExpHi));
        var n = Vector512.Round(x * Vector512.Create(Log2E));
        var r = x - n * Vector512.Create(Ln2Hi) - n * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(P0);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r + Vector512.Create(1f));
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sigmoid(Vector512<float> x) => Vector512.Create(1f) / (Vector512.Create(1f) + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tanh(Vector512<float> x)
    {
        var one = Vector512.Create(1f);
        return (one + one) / (one + Exp(-(x + x))) - one;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Exp(float x)
    {
        x = Math.Min(Math.Max(x, ExpLo), ExpHi);
        float n = MathF.Round(x * Log2E);
        float r = x - n * Ln2Hi - n * Ln2Lo;
        float p = P0;
        p = MathF.FusedMultiplyAdd(p, r, P1);
        p = MathF.FusedMultiplyAdd(p, r, P2);
        p = MathF.FusedMultiplyAdd(p, r, P3);
        p = MathF.FusedMultiplyAdd(p, r, P4);
        p = MathF.FusedMultiplyAdd(p, r, P5);
        p = MathF.FusedMultiplyAdd(p, r * r, r + 1f);
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sigmoid(float x) => 1f / (1f + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tanh(float x) => 2f / (1f + Exp(-(x + x))) - 1f;
}
