namespace SemgKit.Signal.Tests;

public class AssemblyLoadsTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SemgKit.Signal.Tests.AssemblyLoadsTests).Assembly);
}
