using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void MatchesReferenceImplementation()
    {
        // Reference C implementation (prng.di.unimi.it/xoshiro256starstar.c) with state {1, 2, 3, 4}.
        var rng = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void Normal_HasStandardMoments()
    {
        var rng = new Xoshiro256StarStar(12345);
        const int n = 400_000;
        double sum = 0, sum2 = 0, sum4 = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextNormal();
            sum += x;
            sum2 += x * x;
            sum4 += x * x * x * x;
        }
        double mean = sum / n, variance = sum2 / n - mean * mean;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.InRange(sum4 / n, 2.9, 3.1);
    }

    [Fact]
    public void UniformAndNextInt_StayInRange()
    {
        var rng = new Xoshiro256StarStar(9);
        var seen = new bool[7];
        for (int i = 0; i < 10_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0);
            Assert.NotEqual(1.0, u);
            seen[rng.NextInt(7)] = true;
        }
        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void SubStreams_DifferByEveryPart()
    {
        var seeds = new HashSet<ulong>
        {
            Xoshiro256StarStar.DeriveSeed(1, 0, 0, 0, 0),
            Xoshiro256StarStar.DeriveSeed(2, 0, 0, 0, 0),
            Xoshiro256StarStar.DeriveSeed(1, 1, 0, 0, 0),
            Xoshiro256StarStar.DeriveSeed(1, 0, 1, 0, 0),
            Xoshiro256StarStar.DeriveSeed(1, 0, 0, 1, 0),
            Xoshiro256StarStar.DeriveSeed(1, 0, 0, 0, 1),
        };
        Assert.Equal(6, seeds.Count);
    }
}
