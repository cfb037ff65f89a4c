using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SemgKit.Signal.Features;

/// <summary>
/// One pass over a channel window for MAV, RMS, WL, ZC and SSC together (<see cref="TimeDomainSums"/>): each vector step
/// loads xᵢ, xᵢ₊₁, xᵢ₊₂ once and updates all five accumulators, instead of one pass per feature. The counts use exactly
/// the predicates of <see cref="TimeDomain.ZeroCrossings"/> and <see cref="TimeDomain.SlopeSignChanges"/> (so they are
/// identical); the three sums differ from the separate kernels only by float summation order.
/// <see cref="Vector{T}"/> of float (8 lanes with AVX2/AVX-512, 4 with NEON/SSE); the ragged end is one overlapping
/// masked vector step plus two scalar samples; scalar when SIMD is not accelerated or the window is shorter than a
/// vector + 2. <see cref="FeatureSet"/> uses it for any of MAV, RMS, WL, ZC, SSC in a set.
/// </summary>
public static class FusedTimeDomain
{
    /// <summary>
    /// The statistics of <paramref name="x"/> with the ZC threshold |xᵢ − xᵢ₊₁| ≥ <paramref name="zeroCrossingThresholdAbs"/>
    /// (signal units) and the SSC threshold <paramref name="slopeThreshold"/> (squared signal units).
    /// </summary>
    public static TimeDomainSums Compute(ReadOnlySpan<float> x, float zeroCrossingThresholdAbs, float slopeThreshold) =>
        Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count + 2
            ? ComputeVector(x, zeroCrossingThresholdAbs, slopeThreshold)
            : ComputeScalar(x, zeroCrossingThresholdAbs, slopeThreshold);

    /// <summary>The scalar path: one loop, the definitions of <see cref="TimeDomainSums"/> term by term.</summary>
    internal static TimeDomainSums ComputeScalar(ReadOnlySpan<float> x, float zeroCrossingThresholdAbs, float slopeThreshold)
    {
        float abs = 0, sq = 0, wl = 0;
        int zc = 0, ssc = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var a = x[i];
            abs += MathF.Abs(a);
            sq += a * a;
            if (i + 1 >= x.Length)
                break;
            var b = x[i + 1];
            wl += MathF.Abs(b - a);
            if (((a > 0 && b < 0) || (a < 0 && b > 0)) && MathF.Abs(a - b) >= zeroCrossingThresholdAbs)
                zc++;
            if (i + 2 < x.Length && (b - a) * (b - x[i + 2]) >= slopeThreshold)
                ssc++;
        }
        return new TimeDomainSums(abs, sq, wl, zc, ssc);
    }

    /// <summary>Vector steps at i = 0, W, 2W, … below N − 2 − W, then one at N − 2 − W whose already counted lanes are masked.</summary>
    private static TimeDomainSums ComputeVector(ReadOnlySpan<float> x, float zcThreshold, float sscThreshold)
    {
        var w = Vector<float>.Count;
        ref var p = ref MemoryMarshal.GetReference(x);
        var n = x.Length;
        var last = n - 2 - w; // start of the final (overlapping) step: its x[i+2] vector ends at x[n−1]
        var tz = new Vector<float>(zcThreshold);
        var ts = new Vector<float>(sscThreshold);
        Vector<float> abs = default, sq = default, wl = default;
        Vector<int> zc = default, ssc = default;
        var i = 0;
        for (; i < last; i += w)
        {
            Step(Vector.LoadUnsafe(ref p, (nuint)i), Vector.LoadUnsafe(ref p, (nuint)i + 1), Vector.LoadUnsafe(ref p, (nuint)i + 2),
                Vector<int>.AllBitsSet, tz, ts, ref abs, ref sq, ref wl, ref zc, ref ssc);
        }
        // Lanes j < i − last of the final step were counted by the loop.
        var keep = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(i - last));
        Step(Vector.LoadUnsafe(ref p, (nuint)last), Vector.LoadUnsafe(ref p, (nuint)last + 1), Vector.LoadUnsafe(ref p, (nuint)last + 2),
            keep, tz, ts, ref abs, ref sq, ref wl, ref zc, ref ssc);
        // The steps covered samples 0..N−3, differences 0..N−3 and every SSC point; add samples N−2, N−1 and difference N−2.
        float a = x[^2], b = x[^1];
        var zcTail = ((a > 0 && b < 0) || (a < 0 && b > 0)) && MathF.Abs(a - b) >= zcThreshold ? 1 : 0;
        return new TimeDomainSums(
            Vector.Sum(abs) + MathF.Abs(a) + MathF.Abs(b),
            Vector.Sum(sq) + a * a + b * b,
            Vector.Sum(wl) + MathF.Abs(b - a),
            Vector.Sum(zc) + zcTail,
            Vector.Sum(ssc));
    }

    /// <summary>
    /// One vector step over lanes with a = xᵢ, b = xᵢ₊₁, c = xᵢ₊₂, counting only lanes set in <paramref name="keep"/>.
    /// ZC: a strict sign change is max(a, b) &gt; 0 ∧ min(a, b) &lt; 0 (a zero of either sign is no crossing; NaN lanes fail
    /// the threshold test |a − b| ≥ t), the same set as (a &gt; 0 ∧ b &lt; 0) ∨ (a &lt; 0 ∧ b &gt; 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(Vector<float> a, Vector<float> b, Vector<float> c, Vector<int> keep, Vector<float> tz, Vector<float> ts,
        ref Vector<float> abs, ref Vector<float> sq, ref Vector<float> wl, ref Vector<int> zc, ref Vector<int> ssc)
    {
        var k = Vector.AsVectorSingle(keep);
        var a0 = a & k;
        abs += Vector.Abs(a0);
        sq = Vector.FusedMultiplyAdd(a0, a0, sq);
        var d = b - a;
        var ad = Vector.Abs(d);
        wl += ad & k;
        var zero = Vector<float>.Zero;
        var crossing = Vector.GreaterThan(Vector.MaxNative(a, b), zero) & Vector.LessThan(Vector.MinNative(a, b), zero)
            & Vector.GreaterThanOrEqual(ad, tz);
        zc -= Vector.AsVectorInt32(crossing) & keep; // true lanes are −1
        ssc -= Vector.AsVectorInt32(Vector.GreaterThanOrEqual(d * (b - c), ts)) & keep;
    }
}
