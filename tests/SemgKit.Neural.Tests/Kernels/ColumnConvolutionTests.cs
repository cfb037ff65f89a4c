using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Tests.Kernels;

/// <summary>The narrow product of batch-1 column convolutions (<see cref="ColumnConvolution.MultiplyNarrow"/>) against the naive triple loop.</summary>
public class ColumnConvolutionTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 15)]      // fewer than 8 rows, one vector
    [InlineData(64, 320, 15)]   // attention-lstm-cnn's (5, 1) convolution at batch 1
    [InlineData(53, 64, 16)]    // a whole vector
    [InlineData(19, 33, 17)]    // two vectors, the second with one lane
    [InlineData(9, 160, 32)]    // two whole vectors, 8 + 1 rows
    public void MatchesTheNaiveProduct(int m, int k, int n)
    {
        Assert.SkipUnless(ColumnConvolution.NarrowSupported, "no AVX-512 on this machine: the narrow product does not run here");
        int lda = k + 3, ldb = n + 2, ldc = n + 5;
        var a = RandomTensors.Normal(1, m * lda).Span.ToArray();
        var b = RandomTensors.Normal(2, k * ldb + ColumnConvolution.NarrowColumns).Span.ToArray(); // slack: whole vectors
        var c = Enumerable.Repeat(float.NaN, m * ldc).ToArray(); // written, never read
        ColumnConvolution.MultiplyNarrow(m, k, n, a, lda, b, ldb, c, ldc);
        var (expected, scale) = ReferenceSgemm.Multiply(false, false, m, n, k, 1f, a, lda, b, ldb, 0f, new float[m * n], n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
                Assert.True(Math.Abs(c[i * ldc + j] - expected[i * n + j]) <= 1e-5 * scale[i * n + j] + 1e-6, $"c[{i}, {j}] = {c[i * ldc + j]}, expected {expected[i * n + j]}");
            for (int j = n; j < ldc; j++) Assert.True(float.IsNaN(c[i * ldc + j]), $"c[{i}, {j}] past the columns was written");
        }
    }

    [Fact]
    public void RefusesMoreColumnsThanTwoVectors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnConvolution.MultiplyNarrow(1, 1, 33, new float[64], 1, new float[64], 33, new float[64], 33));
    }
}
