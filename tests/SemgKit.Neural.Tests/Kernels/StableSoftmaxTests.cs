using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Tests.Kernels;

/// <summary><see cref="StableSoftmax"/> against the naive double softmax, and where the naive float one overflows.</summary>
public class StableSoftmaxTests
{
    private static double[] Naive(float[] x)
    {
        double max = x.Max();
        var e = x.Select(v => Math.Exp(v - max)).ToArray();
        return [.. e.Select(v => v / e.Sum())];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void MatchesTheNaiveSoftmax(int n)
    {
        var rng = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 20 - 10)).ToArray();
        var y = new float[n];
        StableSoftmax.Apply(x, y);
        var expected = Naive(x);
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], y[i], 1e-6);
    }

    [Fact]
    public void LargeLogitsDoNotOverflow()
    {
        float[] x = [1000f, 999f, -5f, 120f];
        StableSoftmax.Apply(x, x); // in place
        var expected = Naive([1000f, 999f, -5f, 120f]);
        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], x[i], 1e-6);
        Assert.Equal(0.7310586, x[0], 1e-6);
    }

    [Fact]
    public void InfinitiesAndNaNHaveDefinedResults()
    {
        var y = new float[3];
        StableSoftmax.Apply([float.PositiveInfinity, 1f, float.PositiveInfinity], y);
        Assert.Equal([0.5f, 0f, 0.5f], y);
        StableSoftmax.Apply([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], y);
        Assert.All(y, v => Assert.Equal(1f / 3, v, 1e-7));
        StableSoftmax.Apply([float.NegativeInfinity, 2f, 2f], y);
        Assert.Equal([0f, 0.5f, 0.5f], y);
        StableSoftmax.Apply([1f, float.NaN, 2f], y);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
    }
}
