using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Signal.Features;

/// <summary>
/// Entropy kernels computed as LibEMG and its MATLAB reference define them, but in O(N²) with one vectorised pass per
/// lag δ = j − i instead of one pass per template: for each lag, the per-sample distances |xₜ − xₜ₊δ| give every
/// template pair (i, i+δ) at once (the Chebyshev distance of length-m templates is a sliding maximum), and each
/// unordered pair is counted once and weighted by how many of LibEMG's ordered comparisons contain it.
/// LibEMG compares template i ∈ [0, N−q) with every j ∈ [0, N−q], j ≠ i, for dimension q ∈ {m, m+1}: a pair with both
/// ends below N−q counts twice, a pair ending at N−q once.
/// </summary>
public static class Entropy
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// Sample entropy (J. S. Richman, J. R. Moorman, "Physiological time-series analysis using approximate entropy and
    /// sample entropy", Am. J. Physiol. 278(6), 2000) as in LibEMG (SAMPEN, defaults m = 2, r = 0.3): the window is
    /// standardised with its sample standard deviation (N − 1 divisor, which is what reproduces LibEMG's MATLAB reference;
    /// LibEMG's Python uses N), templates match when their Chebyshev distance is ≤ r, B and A count matching ordered
    /// pairs for dimensions m and m+1 (see the class remarks), and
    /// SampEn = ln((B/((N−m−1)(N−m)) + ε) / (A/((N−m−1)²) + ε)) with ε = 2.2204e-16. Needs N ≥ m + 3.
    /// </summary>
    public static float SampleEntropy(ReadOnlySpan<float> x, int dimension, float tolerance)
    {
        Check(x, dimension, tolerance, "SAMPEN");
        int n = x.Length, m = dimension;
        var sd = StandardDeviation(x);
        var r = (float)(tolerance * sd);
        long b = 0, a = 0;
        ref var x0 = ref MemoryMarshal.GetReference(x);
        var w = Vector<float>.Count;
        var vr = new Vector<float>(r);
        var accB = Vector<int>.Zero;
        var accA = Vector<int>.Zero;
        for (var lag = 1; lag <= n - m; lag++)
        {
            var full = n - m - lag; // pairs (i, i+lag) whose (m+1)-templates exist: i ∈ [0, full)
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i + w <= full; i += w)
                {
                    var d = Vector.Abs(Load(ref x0, i) - Load(ref x0, i + lag));
                    for (var t = 1; t < m; t++)
                        d = Vector.Max(d, Vector.Abs(Load(ref x0, i + t) - Load(ref x0, i + t + lag)));
                    var d1 = Vector.Max(d, Vector.Abs(Load(ref x0, i + m) - Load(ref x0, i + m + lag)));
                    accB -= Vector.LessThanOrEqual(d, vr);
                    accA -= Vector.LessThanOrEqual(d1, vr);
                }
            }
            long cb = 0, ca = 0;
            for (; i < full; i++)
            {
                var d = ChebyshevScalar(x, i, lag, m);
                if (d <= r)
                {
                    cb++;
                    if (MathF.Max(d, MathF.Abs(x[i + m] - x[i + m + lag])) <= r)
                        ca++;
                }
            }
            b += 2 * cb;
            a += 2 * ca;
            if (full > 0 && MathF.Max(ChebyshevScalar(x, full - 1, lag, m), MathF.Abs(x[full - 1 + m] - x[full - 1 + m + lag])) <= r)
                a--; // the last (m+1)-pair ends at template N−m−1: one ordered comparison
            if (ChebyshevScalar(x, full, lag, m) <= r)
                b++; // the m-pair ending at template N−m: one ordered comparison
        }
        b += 2L * Vector.Sum(accB);
        a += 2L * Vector.Sum(accA);
        var phiM = b / ((double)(n - m - 1) * (n - m));
        var phiM1 = a / ((double)(n - m - 1) * (n - m - 1));
        return (float)Math.Log((phiM + Eps) / (phiM1 + Eps));
    }

    /// <summary>
    /// Fuzzy entropy (W. Chen, Z. Wang, H. Xie, W. Yu, "Characterization of surface EMG signal based on fuzzy entropy",
    /// IEEE TNSRE 15(2), 2007) as LibEMG's Python computes it (FUZZYEN, defaults m = 2, r = 0.3, n = 2), with the
    /// width scaled by the window itself: r_abs = r·SD (sample SD, N − 1 divisor, as for <see cref="SampleEntropy"/>;
    /// LibEMG's Python uses N), then <see cref="FuzzyEntropyAbsolute"/>. Needs N ≥ m + 3.
    /// </summary>
    public static float FuzzyEntropy(ReadOnlySpan<float> x, int dimension, float tolerance, int power)
    {
        Check(x, dimension, tolerance, "FUZZYEN");
        return FuzzyEntropyCore(x, dimension, tolerance * StandardDeviation(x), power);
    }

    /// <summary>
    /// Fuzzy entropy with a fixed membership width <paramref name="widthSignalUnits"/> = r_abs in the signal's units
    /// (the r argument of the usual MATLAB <c>FuzzyEn(series, dim, r, n)</c>, J. Monge-Álvarez 2014, which LibEMG's Python
    /// ports): each template of length q ∈ {m, m+1} has its own mean removed, two templates' similarity is
    /// exp(−dⁿ/r_abs) with d their Chebyshev distance (r_abs is not raised to n), the N−q first templates are each
    /// compared with all N−q+1, φ_q = Σ_{ordered pairs, j ≠ i} similarity / ((N−q−1)(N−q)) (pairs as in the class
    /// remarks), and FuzzyEn = ln((φ_m + ε)/(φ_{m+1} + ε)), natural log, ε = 2.2204e-16. LibEMG's MATLAB reference
    /// (matlab_FUZZYEN.csv) is this with r_abs = 0.3 × the sample SD of the whole recording's channel.
    /// Needs N ≥ m + 3.
    /// </summary>
    public static float FuzzyEntropyAbsolute(ReadOnlySpan<float> x, int dimension, double widthSignalUnits, int power)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(widthSignalUnits > 0) || !double.IsFinite(widthSignalUnits))
            throw new ArgumentOutOfRangeException(nameof(widthSignalUnits), widthSignalUnits, "The FUZZYEN width must be finite and > 0.");
        TimeDomain.AtLeast(x, dimension + 3, "FUZZYEN");
        return FuzzyEntropyCore(x, dimension, widthSignalUnits, power);
    }

    /// <summary>The shared kernel of <see cref="FuzzyEntropy"/> and <see cref="FuzzyEntropyAbsolute"/>; a width of 0 (constant window) makes every similarity 1.</summary>
    private static float FuzzyEntropyCore(ReadOnlySpan<float> x, int dimension, double widthSignalUnits, int power)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(power, 1);
        int n = x.Length, m = dimension;
        var invR = (float)(1 / widthSignalUnits);
        if (!float.IsFinite(invR))
            invR = float.MaxValue; // constant window: every distance is 0 and every similarity 1
        double sM = 0, sM1 = 0;
        Span<float> differences = n <= 2048 ? stackalloc float[n] : new float[n];
        ref var d0 = ref MemoryMarshal.GetReference(differences);
        var w = Vector<float>.Count;
        var vInvM = new Vector<float>(1f / m);
        var vInvM1 = new Vector<float>(1f / (m + 1));
        var vNegInvR = new Vector<float>(-invR);
        for (var lag = 1; lag <= n - m; lag++)
        {
            var full = n - m - lag;
            System.Numerics.Tensors.TensorPrimitives.Subtract(x[..(n - lag)], x[lag..], differences[..(n - lag)]);
            var i = 0;
            var accM = Vector<float>.Zero;
            var accM1 = Vector<float>.Zero;
            double lagM512 = 0, lagM1512 = 0;
            if (Vector512.IsHardwareAccelerated && full >= Vector512<float>.Count)
            {
                var acc512 = Vector512<float>.Zero;
                var acc1512 = Vector512<float>.Zero;
                for (; i + Vector512<float>.Count <= full; i += Vector512<float>.Count)
                {
                    var (simM, simM1) = FuzzySimilarities512(ref d0, i, m, power, invR);
                    acc512 += simM;
                    acc1512 += simM1;
                }
                if (i < full)
                {
                    var start = full - Vector512<float>.Count;
                    var (simM, simM1) = FuzzySimilarities512(ref d0, start, m, power, invR);
                    var keep = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(i - start)).AsSingle();
                    acc512 += Vector512.ConditionalSelect(keep, simM, Vector512<float>.Zero);
                    acc1512 += Vector512.ConditionalSelect(keep, simM1, Vector512<float>.Zero);
                    i = full;
                }
                lagM512 = Vector512.Sum(acc512);
                lagM1512 = Vector512.Sum(acc1512);
            }
            else if (Vector.IsHardwareAccelerated && full >= w)
            {
                for (; i + w <= full; i += w)
                {
                    var (simM, simM1) = FuzzySimilarities(ref d0, i, m, power, vInvM, vInvM1, vNegInvR);
                    accM += simM;
                    accM1 += simM1;
                }
                if (i < full)
                {
                    // Tail: one overlapping vector ending at full − 1, keeping only the lanes not yet counted.
                    var start = full - w;
                    var (simM, simM1) = FuzzySimilarities(ref d0, start, m, power, vInvM, vInvM1, vNegInvR);
                    var keep = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(i - start));
                    accM += Vector.ConditionalSelect(keep, simM, Vector<float>.Zero);
                    accM1 += Vector.ConditionalSelect(keep, simM1, Vector<float>.Zero);
                    i = full;
                }
            }
            double lagM = Vector.Sum(accM) + lagM512, lagM1 = Vector.Sum(accM1) + lagM1512;
            for (; i < full; i++)
            {
                lagM += Similarity(x, i, lag, m, power, invR);
                lagM1 += Similarity(x, i, lag, m + 1, power, invR);
            }
            sM += 2 * lagM + Similarity(x, full, lag, m, power, invR);
            sM1 += 2 * lagM1 - (full > 0 ? Similarity(x, full - 1, lag, m + 1, power, invR) : 0);
        }
        var phiM = sM / ((double)(n - m - 1) * (n - m));
        var phiM1 = sM1 / ((double)(n - m - 2) * (n - m - 1));
        return (float)Math.Log((phiM + Eps) / (phiM1 + Eps));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> M, Vector<float> M1) FuzzySimilarities(ref float d0, int i, int m, int power, Vector<float> vInvM, Vector<float> vInvM1, Vector<float> vNegInvR)
    {
        // d0 holds the per-lag differences dₜ = xₜ − xₜ₊δ.
        var sum = Vector<float>.Zero;
        for (var t = 0; t < m; t++)
            sum += Load(ref d0, i + t);
        var last = Load(ref d0, i + m);
        var meanM = sum * vInvM;
        var meanM1 = (sum + last) * vInvM1;
        var dM = Vector<float>.Zero;
        var dM1 = Vector.Abs(last - meanM1);
        for (var t = 0; t < m; t++)
        {
            var d = Load(ref d0, i + t);
            dM = Vector.Max(dM, Vector.Abs(d - meanM));
            dM1 = Vector.Max(dM1, Vector.Abs(d - meanM1));
        }
        return (FastExp(PowerOf(dM, power) * vNegInvR), FastExp(PowerOf(dM1, power) * vNegInvR));
    }

    /// <summary>The <see cref="Vector512{T}"/> twin of <see cref="FuzzySimilarities"/> (AVX-512 machines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> M, Vector512<float> M1) FuzzySimilarities512(ref float d0, int i, int m, int power, float invR)
    {
        var sum = Vector512<float>.Zero;
        for (var t = 0; t < m; t++)
            sum += Vector512.LoadUnsafe(ref d0, (nuint)(i + t));
        var last = Vector512.LoadUnsafe(ref d0, (nuint)(i + m));
        var meanM = sum * (1f / m);
        var meanM1 = (sum + last) * (1f / (m + 1));
        var dM = Vector512<float>.Zero;
        var dM1 = Vector512.Abs(last - meanM1);
        for (var t = 0; t < m; t++)
        {
            var d = Vector512.LoadUnsafe(ref d0, (nuint)(i + t));
            dM = Vector512.Max(dM, Vector512.Abs(d - meanM));
            dM1 = Vector512.Max(dM1, Vector512.Abs(d - meanM1));
        }
        var pM = dM;
        var pM1 = dM1;
        for (var k = 1; k < power; k++)
        {
            pM *= dM;
            pM1 *= dM1;
        }
        return (FastExp512(pM * -invR), FastExp512(pM1 * -invR));
    }

    /// <summary>The <see cref="Vector512{T}"/> twin of <see cref="FastExp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> FastExp512(Vector512<float> x)
    {
        var underflow = Vector512.LessThan(x, Vector512.Create(-87f));
        var t = Vector512.Max(x, Vector512.Create(-87f)) * 1.44269504f;
        var magic = Vector512.Create(12582912f);
        var shifted = t + magic;
        var f = (t - (shifted - magic)) * 0.693147181f;
        var p = Vector512.Create(1f / 720);
        p = p * f + Vector512.Create(1f / 120);
        p = p * f + Vector512.Create(1f / 24);
        p = p * f + Vector512.Create(1f / 6);
        p = p * f + Vector512.Create(0.5f);
        p = p * f + Vector512<float>.One;
        p = p * f + Vector512<float>.One;
        var exponent = shifted.AsInt32() - magic.AsInt32();
        var scale = Vector512.ShiftLeft(exponent + Vector512.Create(127), 23).AsSingle();
        return Vector512.AndNot(p * scale, underflow);
    }

    private static void Check(ReadOnlySpan<float> x, int dimension, float tolerance, string code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(tolerance > 0) || !float.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"The {code} tolerance must be finite and > 0.");
        TimeDomain.AtLeast(x, dimension + 3, code);
    }

    /// <summary>The sample standard deviation (N − 1 divisor), in double.</summary>
    internal static double StandardDeviation(ReadOnlySpan<float> x)
    {
        double mean = 0;
        foreach (var v in x)
            mean += v;
        mean /= x.Length;
        double ss = 0;
        foreach (var v in x)
            ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (x.Length - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float x0, int offset) => Vector.LoadUnsafe(ref x0, (nuint)offset);

    /// <summary>
    /// eˣ for x ≤ 0 in float: 2^(x·log₂e) split into 2ⁿ (exponent bits) · 2ᶠ, |f| ≤ ½, with 2ᶠ by its degree-6 Taylor
    /// polynomial (relative error &lt; 2e-7); x below −87 gives 0. About 3× cheaper than <see cref="Vector.Exp(Vector{float})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> FastExp(Vector<float> x)
    {
        var underflow = Vector.LessThan(x, new Vector<float>(-87f));
        var t = Vector.Max(x, new Vector<float>(-87f)) * new Vector<float>(1.44269504f);
        // Round to nearest with the 1.5·2²³ trick: the integer lands in the low mantissa bits of t + magic.
        var magic = new Vector<float>(12582912f);
        var shifted = t + magic;
        var n = shifted - magic;
        var f = (t - n) * new Vector<float>(0.693147181f); // 2ᶠ = e^(f·ln2)
        var p = new Vector<float>(1f / 720);
        p = p * f + new Vector<float>(1f / 120);
        p = p * f + new Vector<float>(1f / 24);
        p = p * f + new Vector<float>(1f / 6);
        p = p * f + new Vector<float>(0.5f);
        p = p * f + Vector<float>.One;
        p = p * f + Vector<float>.One;
        var exponent = Vector.AsVectorInt32(shifted) - Vector.AsVectorInt32(magic);
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(exponent + new Vector<int>(127), 23));
        return Vector.AndNot(p * scale, Vector.AsVectorSingle(underflow));
    }

    private static Vector<float> PowerOf(Vector<float> v, int power)
    {
        var p = v;
        for (var k = 1; k < power; k++)
            p *= v;
        return p;
    }

    private static float ChebyshevScalar(ReadOnlySpan<float> x, int i, int lag, int m)
    {
        var d = 0f;
        for (var t = 0; t < m; t++)
            d = MathF.Max(d, MathF.Abs(x[i + t] - x[i + t + lag]));
        return d;
    }

    /// <summary>exp(−dⁿ·invR) for the mean-removed q-templates at i and i + lag.</summary>
    private static float Similarity(ReadOnlySpan<float> x, int i, int lag, int q, int power, float invR)
    {
        var sum = 0f;
        for (var t = 0; t < q; t++)
            sum += x[i + t] - x[i + t + lag];
        var mean = sum * (1f / q);
        var d = 0f;
        for (var t = 0; t < q; t++)
            d = MathF.Max(d, MathF.Abs(x[i + t] - x[i + t + lag] - mean));
        var p = d;
        for (var k = 1; k < power; k++)
            p *= d;
        return MathF.Exp(-p * invR);
    }
}
