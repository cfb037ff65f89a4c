using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Signal.Filters;

/// <summary>The inner recursions, shared by the single- and multi-channel filters.</summary>
internal static class SosKernels
{
    /// <summary>
    /// Runs every section over <paramref name="x"/> in place (scipy sosfilt's recursion). Sections run two at a
    /// time, the second one sample behind the first, so their two dependency chains overlap; state in locals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessBlock(SosSection[] sections, double[] state, Span<double> x)
    {
        if (x.IsEmpty)
            return;
        var n = x.Length;
        var s = 0;
        for (; s + 1 < sections.Length; s += 2)
        {
            var p = sections[s];
            var q = sections[s + 1];
            double pb0 = p.B0, pb1 = p.B1, pb2 = p.B2, pa1 = p.A1, pa2 = p.A2;
            double qb0 = q.B0, qb1 = q.B1, qb2 = q.B2, qa1 = q.A1, qa2 = q.A2;
            double pz0 = state[2 * s], pz1 = state[2 * s + 1], qz0 = state[2 * s + 2], qz1 = state[2 * s + 3];
            ref var r = ref MemoryMarshal.GetReference(x);
            var u = r;
            var y = pb0 * u + pz0;
            pz0 = pb1 * u - pa1 * y + pz1;
            pz1 = pb2 * u - pa2 * y;
            var v = y; // section s output, previous sample (in a register, not reloaded from the store)
            for (var i = 1; i < n; i++)
            {
                ref var prev = ref Unsafe.Add(ref r, i - 1);
                ref var cur = ref Unsafe.Add(ref r, i);
                var w = cur;
                var yq = qb0 * v + qz0;
                var yp = pb0 * w + pz0;
                qz0 = qb1 * v - qa1 * yq + qz1;
                pz0 = pb1 * w - pa1 * yp + pz1;
                qz1 = qb2 * v - qa2 * yq;
                pz1 = pb2 * w - pa2 * yp;
                prev = yq;
                v = yp;
            }
            ref var last = ref Unsafe.Add(ref r, n - 1);
            var vl = v;
            var yl = qb0 * vl + qz0;
            qz0 = qb1 * vl - qa1 * yl + qz1;
            qz1 = qb2 * vl - qa2 * yl;
            last = yl;
            state[2 * s] = pz0;
            state[2 * s + 1] = pz1;
            state[2 * s + 2] = qz0;
            state[2 * s + 3] = qz1;
        }
        for (; s < sections.Length; s++)
        {
            var q = sections[s];
            double b0 = q.B0, b1 = q.B1, b2 = q.B2, a1 = q.A1, a2 = q.A2;
            var z0 = state[2 * s];
            var z1 = state[2 * s + 1];
            for (var i = 0; i < x.Length; i++)
            {
                var xi = x[i];
                var y = b0 * xi + z0;
                z0 = b1 * xi - a1 * y + z1;
                z1 = b2 * xi - a2 * y;
                x[i] = y;
            }
            state[2 * s] = z0;
            state[2 * s + 1] = z1;
        }
    }

    /// <summary>
    /// Runs every section over a frame-major block of doubles in place: channel c of frame t at
    /// <c>t·padded + c</c>; channels are processed in groups of 8 lanes.
    /// State: for group g, section s, two vectors of lanes at ((g·S + s)·2 + j)·lanes.
    /// Sections run two at a time with section s+1 one frame behind section s, so the two recursions
    /// (each a ~12-cycle add→mul→sub chain per frame) overlap; all state stays in registers.
    /// The arithmetic per section and lane is exactly <see cref="ProcessBlock"/>'s (no fused multiply-add).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessLanes512(SosSection[] sections, double[] state, double[] block, int padded, int frames)
    {
        const int lanes = 8;
        var sectionCount = sections.Length;
        for (var g = 0; g * lanes < padded; g++)
        {
            ref var x = ref block[g * lanes];
            var s = 0;
            for (; s + 1 < sectionCount; s += 2)
            {
                var p = sections[s];
                var q = sections[s + 1];
                Vector512<double> pb0 = Vector512.Create(p.B0), pb1 = Vector512.Create(p.B1), pb2 = Vector512.Create(p.B2), pa1 = Vector512.Create(p.A1), pa2 = Vector512.Create(p.A2);
                Vector512<double> qb0 = Vector512.Create(q.B0), qb1 = Vector512.Create(q.B1), qb2 = Vector512.Create(q.B2), qa1 = Vector512.Create(q.A1), qa2 = Vector512.Create(q.A2);
                ref var st = ref state[(g * sectionCount + s) * 2 * lanes];
                var pz0 = Vector512.LoadUnsafe(ref st);
                var pz1 = Vector512.LoadUnsafe(ref st, lanes);
                var qz0 = Vector512.LoadUnsafe(ref st, 2 * lanes);
                var qz1 = Vector512.LoadUnsafe(ref st, 3 * lanes);
                // Frame 0 through section s.
                var u = Vector512.LoadUnsafe(ref x);
                var y = pb0 * u + pz0;
                pz0 = pb1 * u - pa1 * y + pz1;
                pz1 = pb2 * u - pa2 * y;
                y.StoreUnsafe(ref x);
                var v = y; // section s output, frame t−1, carried in a register: reloading the vector just stored stalls
                           // store-to-load forwarding (about 3× slower on Zen 4 with 512-bit vectors)
                for (var t = 1; t < frames; t++)
                {
                    var off = (nuint)(t * padded);
                    var prev = off - (nuint)padded;
                    var w = Vector512.LoadUnsafe(ref x, off);    // input, frame t
                    var yq = qb0 * v + qz0;
                    var yp = pb0 * w + pz0;
                    qz0 = qb1 * v - qa1 * yq + qz1;
                    pz0 = pb1 * w - pa1 * yp + pz1;
                    qz1 = qb2 * v - qa2 * yq;
                    pz1 = pb2 * w - pa2 * yp;
                    yq.StoreUnsafe(ref x, prev);
                    v = yp;
                }
                // Last frame through section s+1.
                var lastOff = (nuint)((frames - 1) * padded);
                var vl = v;
                var yl = qb0 * vl + qz0;
                qz0 = qb1 * vl - qa1 * yl + qz1;
                qz1 = qb2 * vl - qa2 * yl;
                yl.StoreUnsafe(ref x, lastOff);
                pz0.StoreUnsafe(ref st);
                pz1.StoreUnsafe(ref st, lanes);
                qz0.StoreUnsafe(ref st, 2 * lanes);
                qz1.StoreUnsafe(ref st, 3 * lanes);
            }
            for (; s < sectionCount; s++)
            {
                var p = sections[s];
                Vector512<double> b0 = Vector512.Create(p.B0), b1 = Vector512.Create(p.B1), b2 = Vector512.Create(p.B2), a1 = Vector512.Create(p.A1), a2 = Vector512.Create(p.A2);
                ref var st = ref state[(g * sectionCount + s) * 2 * lanes];
                var z0 = Vector512.LoadUnsafe(ref st);
                var z1 = Vector512.LoadUnsafe(ref st, lanes);
                for (var t = 0; t < frames; t++)
                {
                    var off = (nuint)(t * padded);
                    var u = Vector512.LoadUnsafe(ref x, off);
                    var y = b0 * u + z0;
                    z0 = b1 * u - a1 * y + z1;
                    z1 = b2 * u - a2 * y;
                    y.StoreUnsafe(ref x, off);
                }
                z0.StoreUnsafe(ref st);
                z1.StoreUnsafe(ref st, lanes);
            }
        }
    }

    /// <summary>The same as <see cref="ProcessLanes512"/> with four lanes of <see cref="Vector256{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessLanes256(SosSection[] sections, double[] state, double[] block, int padded, int frames)
    {
        const int lanes = 4;
        var sectionCount = sections.Length;
        for (var g = 0; g * lanes < padded; g++)
        {
            ref var x = ref block[g * lanes];
            var s = 0;
            for (; s + 1 < sectionCount; s += 2)
            {
                var p = sections[s];
                var q = sections[s + 1];
                Vector256<double> pb0 = Vector256.Create(p.B0), pb1 = Vector256.Create(p.B1), pb2 = Vector256.Create(p.B2), pa1 = Vector256.Create(p.A1), pa2 = Vector256.Create(p.A2);
                Vector256<double> qb0 = Vector256.Create(q.B0), qb1 = Vector256.Create(q.B1), qb2 = Vector256.Create(q.B2), qa1 = Vector256.Create(q.A1), qa2 = Vector256.Create(q.A2);
                ref var st = ref state[(g * sectionCount + s) * 2 * lanes];
                var pz0 = Vector256.LoadUnsafe(ref st);
                var pz1 = Vector256.LoadUnsafe(ref st, lanes);
                var qz0 = Vector256.LoadUnsafe(ref st, 2 * lanes);
                var qz1 = Vector256.LoadUnsafe(ref st, 3 * lanes);
                // Frame 0 through section s.
                var u = Vector256.LoadUnsafe(ref x);
                var y = pb0 * u + pz0;
                pz0 = pb1 * u - pa1 * y + pz1;
                pz1 = pb2 * u - pa2 * y;
                y.StoreUnsafe(ref x);
                var v = y; // section s output, frame t−1, carried in a register: reloading the vector just stored stalls
                           // store-to-load forwarding (about 3× slower on Zen 4 with 512-bit vectors)
                for (var t = 1; t < frames; t++)
                {
                    var off = (nuint)(t * padded);
                    var prev = off - (nuint)padded;
                    var w = Vector256.LoadUnsafe(ref x, off);    // input, frame t
                    var yq = qb0 * v + qz0;
                    var yp = pb0 * w + pz0;
                    qz0 = qb1 * v - qa1 * yq + qz1;
                    pz0 = pb1 * w - pa1 * yp + pz1;
                    qz1 = qb2 * v - qa2 * yq;
                    pz1 = pb2 * w - pa2 * yp;
                    yq.StoreUnsafe(ref x, prev);
                    v = yp;
                }
                // Last frame through section s+1.
                var lastOff = (nuint)((frames - 1) * padded);
                var vl = v;
                var yl = qb0 * vl + qz0;
                qz0 = qb1 * vl - qa1 * yl + qz1;
                qz1 = qb2 * vl - qa2 * yl;
                yl.StoreUnsafe(ref x, lastOff);
                pz0.StoreUnsafe(ref st);
                pz1.StoreUnsafe(ref st, lanes);
                qz0.StoreUnsafe(ref st, 2 * lanes);
                qz1.StoreUnsafe(ref st, 3 * lanes);
            }
            for (; s < sectionCount; s++)
            {
                var p = sections[s];
                Vector256<double> b0 = Vector256.Create(p.B0), b1 = Vector256.Create(p.B1), b2 = Vector256.Create(p.B2), a1 = Vector256.Create(p.A1), a2 = Vector256.Create(p.A2);
                ref var st = ref state[(g * sectionCount + s) * 2 * lanes];
                var z0 = Vector256.LoadUnsafe(ref st);
                var z1 = Vector256.LoadUnsafe(ref st, lanes);
                for (var t = 0; t < frames; t++)
                {
                    var off = (nuint)(t * padded);
                    var u = Vector256.LoadUnsafe(ref x, off);
                    var y = b0 * u + z0;
                    z0 = b1 * u - a1 * y + z1;
                    z1 = b2 * u - a2 * y;
                    y.StoreUnsafe(ref x, off);
                }
                z0.StoreUnsafe(ref st);
                z1.StoreUnsafe(ref st, lanes);
            }
        }
    }
}
