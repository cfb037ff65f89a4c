using SemgKit.Neural.Kernels;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests.Kernels;

public class SgemmTests
{
    // Kernel and path are internal enums, so theories take their names.
    public static TheoryData<string, string> KernelsAndPaths()
    {
        var data = new TheoryData<string, string>();
        foreach (var kernel in new[] { "Auto", "Avx512", "Avx2", "Scalar" })
            foreach (var path in new[] { "Auto", "Direct", "Packed" })
                data.Add(kernel, path);
        return data;
    }

    public static TheoryData<string> Kernels() => new("Avx512", "Avx2", "Scalar");

    private static SgemmKernel K(string name) => Enum.Parse<SgemmKernel>(name);

    private static SgemmPath P(string name) => Enum.Parse<SgemmPath>(name);

    private static readonly (bool TransposeA, bool TransposeB)[] Transposes = [(false, false), (true, false), (false, true), (true, true)];

    private static readonly (float Alpha, float Beta)[] Scalings = [(1f, 0f), (0.75f, 0f), (1f, 1f), (-1.5f, 0.25f), (2f, -1f)];

    /// <summary>Runs one case against the reference; C starts as NaN garbage when beta is 0.</summary>
    private static void Check(
        SgemmOptions options, bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta,
        int padA, int padB, int padC, Random rng, int threads = 1)
    {
        int lda = (transposeA ? m : k) + padA, ldb = (transposeB ? k : n) + padB, ldc = n + padC;
        int aRows = transposeA ? k : m, bRows = transposeB ? n : k;
        var a = RandomArray(rng, Math.Max(0, (aRows - 1) * lda + (transposeA ? m : k)));
        var b = RandomArray(rng, Math.Max(0, (bRows - 1) * ldb + (transposeB ? k : n)));
        var c = RandomArray(rng, (m - 1) * ldc + n + padC);
        if (beta == 0)
            for (int i = 0; i < c.Length; i++) c[i] = float.NaN;
        var c0 = (float[])c.Clone();
        var (expected, scale) = ReferenceSgemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c0, ldc);

        Sgemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, options);

        double tolerance = 1e-5 * Math.Sqrt(Math.Max(k, 1));
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc && i * ldc + j < c.Length; j++)
            {
                int at = i * ldc + j;
                if (j >= n)
                {
                    // Padding between rows (and after the last row) is never written.
                    Assert.Equal(BitConverter.SingleToInt32Bits(c0[at]), BitConverter.SingleToInt32Bits(c[at]));
                    continue;
                }

                double e = expected[i * n + j];
                double err = Math.Abs(c[at] - e);
                if (!(err <= tolerance * Math.Max(scale[i * n + j], 1e-30) + 1e-30))
                    Assert.Fail($"{options} tA={transposeA} tB={transposeB} m={m} n={n} k={k} alpha={alpha} beta={beta} " +
                                $"pads=({padA},{padB},{padC}) C[{i},{j}] = {c[at]}, expected {e} (scale {scale[i * n + j]})");
            }
        }
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static void SkipUnsupported(SgemmKernel kernel) =>
        Assert.SkipUnless(Sgemm.IsSupported(kernel), $"{kernel} is not supported on this CPU.");

    [Theory]
    [MemberData(nameof(KernelsAndPaths))]
    public void MatchesReferenceAtAllSizesUpTo17(string kernelName, string pathName)
    {
        var (kernel, path) = (K(kernelName), P(pathName));
        SkipUnsupported(kernel);
        var options = new SgemmOptions(kernel, path);
        var rng = new Random(17);
        int index = 0;
        for (int m = 1; m <= 17; m++)
            for (int n = 1; n <= 17; n++)
                for (int k = 1; k <= 17; k++)
                {
                    var (ta, tb) = Transposes[index % 4];
                    var (alpha, beta) = Scalings[(index / 4) % Scalings.Length];
                    int pad = (index / 3) % 3 == 0 ? 0 : 1 + index % 5;
                    Check(options, ta, tb, m, n, k, alpha, beta, pad, (pad * 3) % 4, pad % 2, rng);
                    index++;
                }
    }

    [Theory]
    [MemberData(nameof(KernelsAndPaths))]
    public void MatchesReferenceAtEveryVectorLength1To64(string kernelName, string pathName)
    {
        var (kernel, path) = (K(kernelName), P(pathName));
        SkipUnsupported(kernel);
        var options = new SgemmOptions(kernel, path);
        var rng = new Random(64);
        for (int len = 1; len <= 64; len++)
        {
            foreach (var (ta, tb) in Transposes)
            {
                Check(options, ta, tb, 1, len, len, 1f, 0f, 0, 0, 0, rng);      // batch-1 row vector
                Check(options, ta, tb, 3, len, 7, 1f, 1f, 1, 2, 3, rng);        // N tails
                Check(options, ta, tb, len, 5, 9, -0.5f, 0f, 0, 1, 0, rng);     // M tails
                Check(options, ta, tb, len, 64, 9, 1f, 0.5f, 0, 1, 2, rng);     // M tails of whole column tiles (4-, 8- and 12-row edge loops)
                Check(options, ta, tb, 2, 9, len, 1f, 0.5f, 3, 0, 1, rng);      // K tails
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndPaths))]
    public void MatchesReferenceAtRandomSizesUpTo300(string kernelName, string pathName)
    {
        var (kernel, path) = (K(kernelName), P(pathName));
        SkipUnsupported(kernel);
        var rng = new Random(300 + (int)kernel * 10 + (int)path);
        int cases = path == SgemmPath.Direct ? 8 : 12;
        for (int t = 0; t < cases; t++)
        {
            int m = rng.Next(1, 301), n = rng.Next(1, 301), k = rng.Next(1, 301);
            var (ta, tb) = Transposes[t % 4];
            var (alpha, beta) = Scalings[t % Scalings.Length];
            Check(new SgemmOptions(kernel, path), ta, tb, m, n, k, alpha, beta, t % 3, (t * 7) % 5, t % 2, rng);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void SmallBlockingExercisesEveryLoopOfThePackedPath(string kernelName)
    {
        var kernel = K(kernelName);
        SkipUnsupported(kernel);
        var rng = new Random(5);
        // Blocks much smaller than the problem: several jc, pc and ic iterations, edge tiles in each.
        var options = new SgemmOptions(kernel, SgemmPath.Packed, new SgemmBlocking(Kc: 7, Mc: 25, Nc: 70));
        foreach (var (ta, tb) in Transposes)
            foreach (var (alpha, beta) in Scalings)
                Check(options, ta, tb, 61, 149, 45, alpha, beta, 2, 1, 3, rng);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void OneAndTwoThreadsAreBitIdentical(string kernelName)
    {
        var kernel = K(kernelName);
        SkipUnsupported(kernel);
        var rng = new Random(2);
        // Wide (split by columns), tall (split by rows) and square, with odd sizes and several K blocks.
        // Then unpacked products large enough to split their columns (batch-1 dense layers), with ragged column tails.
        foreach (var (m, n, k) in new[] { (97, 301, 300), (333, 101, 290), (256, 256, 520), (130, 1022, 24), (1, 1037, 1100), (2, 777, 1500), (1, 150, 7000) })
        {
            foreach (var (ta, tb) in Transposes)
            {
                var a = RandomArray(rng, m * k);
                var b = RandomArray(rng, k * n);
                var c1 = RandomArray(rng, m * n);
                var c2 = (float[])c1.Clone();
                var options = new SgemmOptions(kernel);
                Sgemm.Multiply(ta, tb, m, n, k, 1.25f, a, ta ? m : k, b, tb ? k : n, 0.5f, c1, n, 1, options);
                Sgemm.Multiply(ta, tb, m, n, k, 1.25f, a, ta ? m : k, b, tb ? k : n, 0.5f, c2, n, 2, options);
                Assert.Equal(c1, c2);
            }
        }
    }

    [Theory]
    [InlineData(1, 600, 100, false, 1)]   // batch-1 dense layer, direct path
    [InlineData(1, 1260, 600, true, 1)]   // batch-1 dense with W stored out×in (Bᵀ)
    [InlineData(64, 1022, 24, false, 1)]  // im2col conv, packed path
    [InlineData(200, 200, 200, true, 1)]
    [InlineData(1, 2048, 1024, true, 2)]  // direct path, columns split over two threads
    [InlineData(200, 200, 200, false, 2)] // packed path on two threads
    public void SteadyStateCallDoesNotAllocate(int m, int k, int n, bool transposeB, int threads)
    {
        var rng = new Random(3);
        var a = RandomArray(rng, m * k);
        var b = RandomArray(rng, k * n);
        var c = new float[m * n];
        int ldb = transposeB ? k : n;
        Sgemm.Multiply(false, transposeB, m, n, k, 1f, a, k, b, ldb, 0f, c, n, threads);
        Assert.Equal(0, Allocations.Fewest(() => Sgemm.Multiply(false, transposeB, m, n, k, 1f, a, k, b, ldb, 0f, c, n, threads)));
    }

    [Fact]
    public void PublicOverloadMatchesReference()
    {
        var rng = new Random(11);
        var a = RandomArray(rng, 37 * 53);
        var b = RandomArray(rng, 53 * 41);
        var c = new float[37 * 41];
        Sgemm.Multiply(false, false, 37, 41, 53, 1f, a, 53, b, 41, 0f, c, 41, threads: 2);
        var (expected, scale) = ReferenceSgemm.Multiply(false, false, 37, 41, 53, 1f, a, 53, b, 41, 0f, c, 41);
        for (int i = 0; i < c.Length; i++) Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-4 * scale[i], $"element {i}");
    }

    [Fact]
    public void ZeroKOrZeroAlphaScalesC()
    {
        var c = new[] { 1f, 2f, float.NaN, 4f };
        Sgemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, float.NaN, 2f], c);
        Sgemm.Multiply(false, false, 2, 2, 3, 0f, new float[6], 3, new float[6], 2, 0f, c, 2);
        Assert.Equal([0f, 0f, 0f, 0f], c);
    }

    [Fact]
    public void EmptyOutputIsANoOp()
    {
        Sgemm.Multiply(false, false, 0, 5, 3, 1f, [], 3, new float[15], 5, 0f, [], 5);
        Sgemm.Multiply(false, false, 4, 0, 3, 1f, new float[12], 3, [], 1, 0f, [], 1);
    }

    [Fact]
    public void TooShortSpansThrow()
    {
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 2, 2, 2, 1f, new float[3], 2, new float[4], 2, 0f, new float[4], 2));
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, true, 2, 2, 2, 1f, new float[4], 2, new float[4], 1, 0f, new float[4], 2));
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 2, 2, 2, 1f, new float[4], 2, new float[4], 2, 0f, new float[3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, -1, 2, 2, 1f, new float[4], 2, new float[4], 2, 0f, new float[4], 2));
    }

    [Fact]
    public void FmaPeakIsPositive()
    {
        double gflops = FmaPeak.MeasureGflops(1, TimeSpan.FromMilliseconds(20));
        Assert.True(gflops > 0.1 && double.IsFinite(gflops), $"{gflops} GFLOP/s");
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaPeak.MeasureGflops(0, TimeSpan.FromMilliseconds(1)));
    }
}
