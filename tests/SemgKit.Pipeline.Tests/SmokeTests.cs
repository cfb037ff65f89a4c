namespace SemgKit.Pipeline.Tests;

public class AssemblyLoadsTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SemgKit.Pipeline.Tests.AssemblyLoadsTests).Assembly);
}
