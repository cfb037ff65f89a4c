namespace SemgKit.Neural.Tests;

public class AssemblyLoadsTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SemgKit.Neural.Tests.AssemblyLoadsTests).Assembly);
}
