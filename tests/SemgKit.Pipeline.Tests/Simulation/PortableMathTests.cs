using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

public sealed class PortableMathTests
{
    [Fact]
    public void Log_MatchesMath()
    {
        var rng = new Xoshiro256StarStar(1);
        for (int i = 0; i < 20_000; i++)
        {
            double x = Math.Pow(10, rng.Uniform(-300, 300));
            Assert.Equal(Math.Log(x), PortableMath.Log(x), Math.Abs(Math.Log(x)) * 1e-15 + 1e-15);
        }
        foreach (double x in new[] { 1.0, 2.0, 0.5, Math.Sqrt(2), double.Epsilon, 1e-310, double.MaxValue, 1 - 1e-16, 1 + 2e-16 })
            Assert.Equal(Math.Log(x), PortableMath.Log(x), Math.Abs(Math.Log(x)) * 1e-15 + 1e-15);
        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(-1));
    }

    [Fact]
    public void Exp_MatchesMath()
    {
        var rng = new Xoshiro256StarStar(2);
        for (int i = 0; i < 20_000; i++)
        {
            double x = rng.Uniform(-700, 700);
            Assert.Equal(1.0, PortableMath.Exp(x) / Math.Exp(x), 1e-14);
        }
        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(Math.E, PortableMath.Exp(1), 1e-15);
        Assert.Equal(0.0, PortableMath.Exp(-800));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(800));
    }

    [Fact]
    public void SinAndCosTurns_MatchMath()
    {
        var rng = new Xoshiro256StarStar(3);
        for (int i = 0; i < 20_000; i++)
        {
            double turns = rng.Uniform(-20, 20);
            double reduced = turns - Math.Floor(turns);
            Assert.Equal(Math.Sin(2 * Math.PI * reduced), PortableMath.SinTurns(turns), 1e-14);
            Assert.Equal(Math.Cos(2 * Math.PI * reduced), PortableMath.CosTurns(turns), 1e-14);
        }
        Assert.Equal(0.0, PortableMath.SinTurns(0));
        Assert.Equal(1.0, PortableMath.SinTurns(0.25));
        Assert.Equal(-1.0, PortableMath.CosTurns(0.5));
        Assert.Equal(Math.Tan(0.1 * 2 * Math.PI), PortableMath.TanTurns(0.1), 1e-14);
    }
}
