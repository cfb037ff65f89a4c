using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Learning.Solvers;

/// <summary>Small fixed-length SIMD kernels shared by the learners (float storage, float lanes).</summary>
internal static class Simd
{
    /// <summary>a·b over <paramref name="a"/>.Length elements (b at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        float sum;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), acc);
            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc);
            sum = Vector256.Sum(acc);
        }
        else
        {
            sum = 0;
        }
        for (; i < n; i++) sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        return sum;
    }

    /// <summary>Σ (a − b)² over <paramref name="a"/>.Length elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        float sum;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var d = Vector512.LoadUnsafe(ref pa, (nuint)i) - Vector512.LoadUnsafe(ref pb, (nuint)i);
                acc = Vector512.FusedMultiplyAdd(d, d, acc);
            }
            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref pa, (nuint)i) - Vector256.LoadUnsafe(ref pb, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(d, d, acc);
            }
            sum = Vector256.Sum(acc);
        }
        else
        {
            sum = 0;
        }
        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>
    /// destination[r] = rows[r]·v for the <paramref name="rowCount"/> rows of length F stored contiguously
    /// (row-major) in <paramref name="rows"/>.
    /// </summary>
    public static void MatVec(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> v, Span<float> destination)
    {
        var f = v.Length;
        var r = 0;
        if (Vector512.IsHardwareAccelerated && f % 16 == 0)
        {
            ref var pr = ref MemoryMarshal.GetReference(rows);
            ref var pv = ref MemoryMarshal.GetReference(v);
            for (; r + 4 <= rowCount; r += 4)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var o = (nuint)(r * f);
                for (var j = 0; j < f; j += 16)
                {
                    var x = Vector512.LoadUnsafe(ref pv, (nuint)j);
                    var oj = o + (nuint)j;
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pr, oj), x, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pr, oj + (nuint)f), x, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pr, oj + (nuint)(2 * f)), x, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pr, oj + (nuint)(3 * f)), x, a3);
                }
                destination[r] = Vector512.Sum(a0);
                destination[r + 1] = Vector512.Sum(a1);
                destination[r + 2] = Vector512.Sum(a2);
                destination[r + 3] = Vector512.Sum(a3);
            }
        }
        for (; r < rowCount; r++)
            destination[r] = Dot(rows.Slice(r * f, f), v);
    }

    /// <summary>
    /// destination[s] = Σ_j v[j]·columns[j·stride + s] for s &lt; count: dot products of <paramref name="v"/>
    /// with <paramref name="count"/> vectors stored feature-major (F × stride, stride ≥ count, padded with
    /// zeros to a multiple of 16). Vectorised across the vectors, so no horizontal sums.
    /// </summary>
    public static void DotsFeatureMajor(ReadOnlySpan<float> columns, int stride, ReadOnlySpan<float> v, Span<float> destination, int count)
    {
        var f = v.Length;
        ref var pc = ref MemoryMarshal.GetReference(columns);
        ref var pd = ref MemoryMarshal.GetReference(destination);
        var s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; s + 64 <= count; s += 64)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var j = 0; j < f; j++)
                {
                    var x = Vector512.Create(v[j]);
                    var o = (nuint)(j * stride + s);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pc, o), x, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pc, o + 16), x, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pc, o + 32), x, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pc, o + 48), x, a3);
                }
                a0.StoreUnsafe(ref pd, (nuint)s);
                a1.StoreUnsafe(ref pd, (nuint)(s + 16));
                a2.StoreUnsafe(ref pd, (nuint)(s + 32));
                a3.StoreUnsafe(ref pd, (nuint)(s + 48));
            }
            for (; s + 16 <= count; s += 16)
            {
                Vector512<float> a0 = default;
                for (var j = 0; j < f; j++)
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pc, (nuint)(j * stride + s)), Vector512.Create(v[j]), a0);
                a0.StoreUnsafe(ref pd, (nuint)s);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; s + 32 <= count; s += 32)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var j = 0; j < f; j++)
                {
                    var x = Vector256.Create(v[j]);
                    var o = (nuint)(j * stride + s);
                    a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pc, o), x, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pc, o + 8), x, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pc, o + 16), x, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pc, o + 24), x, a3);
                }
                a0.StoreUnsafe(ref pd, (nuint)s);
                a1.StoreUnsafe(ref pd, (nuint)(s + 8));
                a2.StoreUnsafe(ref pd, (nuint)(s + 16));
                a3.StoreUnsafe(ref pd, (nuint)(s + 24));
            }
        }
        for (; s < count; s++)
        {
            float sum = 0;
            for (var j = 0; j < f; j++) sum += v[j] * columns[j * stride + s];
            destination[s] = sum;
        }
    }
}
