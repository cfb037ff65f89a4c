using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Signal.Filters;

/// <summary>The inner recursions, shared by the single- and multi-channel filters.</summary>
internal static class SosKernels
{
    /// <summary>Runs every section over <paramref name="x"/> in place, one section at a time (state in locals).</summary>
    public static void ProcessBlock(SosSection[] sections, double[] state, Span<double> x)
    {
        for (var s = 0; s < sections.Length; s++)
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
    /// Runs every section over a frame-major block of lane groups in place: <paramref name="x"/> holds
    /// <c>frames × groups</c> vectors (group g of frame t at t·groups + g), each lane one channel.
    /// State: per group, per section, two vectors at (g·S + s)·2.
    /// Two groups are processed together so two independent recursions overlap in the pipeline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessLanes(SosSection[] sections, Span<Vector256<double>> state, Span<Vector256<double>> x, int groups, int frames)
    {
        var sectionCount = sections.Length;
        var g = 0;
        for (; g + 1 < groups; g += 2)
        {
            for (var s = 0; s < sectionCount; s++)
            {
                var q = sections[s];
                var b0 = Vector256.Create(q.B0);
                var b1 = Vector256.Create(q.B1);
                var b2 = Vector256.Create(q.B2);
                var a1 = Vector256.Create(q.A1);
                var a2 = Vector256.Create(q.A2);
                var ia = (g * sectionCount + s) * 2;
                var ib = ((g + 1) * sectionCount + s) * 2;
                var za0 = state[ia];
                var za1 = state[ia + 1];
                var zb0 = state[ib];
                var zb1 = state[ib + 1];
                ref var p = ref x[g];
                for (var t = 0; t < frames; t++)
                {
                    ref var pa = ref Unsafe.Add(ref p, t * groups);
                    ref var pb = ref Unsafe.Add(ref pa, 1);
                    var xa = pa;
                    var xb = pb;
                    var ya = b0 * xa + za0;
                    var yb = b0 * xb + zb0;
                    za0 = b1 * xa - a1 * ya + za1;
                    zb0 = b1 * xb - a1 * yb + zb1;
                    za1 = b2 * xa - a2 * ya;
                    zb1 = b2 * xb - a2 * yb;
                    pa = ya;
                    pb = yb;
                }
                state[ia] = za0;
                state[ia + 1] = za1;
                state[ib] = zb0;
                state[ib + 1] = zb1;
            }
        }
        for (; g < groups; g++)
        {
            for (var s = 0; s < sectionCount; s++)
            {
                var q = sections[s];
                var b0 = Vector256.Create(q.B0);
                var b1 = Vector256.Create(q.B1);
                var b2 = Vector256.Create(q.B2);
                var a1 = Vector256.Create(q.A1);
                var a2 = Vector256.Create(q.A2);
                var ia = (g * sectionCount + s) * 2;
                var z0 = state[ia];
                var z1 = state[ia + 1];
                ref var p = ref x[g];
                for (var t = 0; t < frames; t++)
                {
                    ref var pt = ref Unsafe.Add(ref p, t * groups);
                    var xi = pt;
                    var y = b0 * xi + z0;
                    z0 = b1 * xi - a1 * y + z1;
                    z1 = b2 * xi - a2 * y;
                    pt = y;
                }
                state[ia] = z0;
                state[ia + 1] = z1;
            }
        }
    }
}
