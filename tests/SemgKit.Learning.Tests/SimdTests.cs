using SemgKit.Learning.Solvers;

namespace SemgKit.Learning.Tests;

/// <summary>The SIMD kernels against naive loops at every length 1..64 (vector tails).</summary>
public class SimdTests
{
    [Fact]
    public void KernelsMatchNaiveLoops()
    {
        var rng = new Random(5);
        for (var f = 1; f <= 64; f++)
        {
            foreach (var count in new[] { 1, 3, 17, 70 })
            {
                var rows = Enumerable.Range(0, count * f).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
                var v = Enumerable.Range(0, f).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
                var stride = (count + 15) / 16 * 16;
                var columns = new float[f * stride];
                for (var s = 0; s < count; s++)
                    for (var j = 0; j < f; j++) columns[j * stride + s] = rows[s * f + j];
                var mat = new float[count];
                var dots = new float[count];
                Simd.MatVec(rows, count, v, mat);
                Simd.DotsFeatureMajor(columns, stride, v, dots, count);
                for (var s = 0; s < count; s++)
                {
                    double dot = 0, dist = 0;
                    for (var j = 0; j < f; j++)
                    {
                        dot += rows[s * f + j] * (double)v[j];
                        dist += (rows[s * f + j] - (double)v[j]) * (rows[s * f + j] - v[j]);
                    }
                    var row = rows.AsSpan(s * f, f);
                    Assert.Equal(dot, Simd.Dot(row, v), 1e-4);
                    Assert.Equal(dot, mat[s], 1e-4);
                    Assert.Equal(dot, dots[s], 1e-4);
                    Assert.Equal(dist, Simd.SquaredDistance(row, v), 1e-4);
                }
            }
        }
    }
}
