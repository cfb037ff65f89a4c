namespace SemgKit.Cli.Tests;

public class AssemblyLoadsTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SemgKit.Cli.Tests.AssemblyLoadsTests).Assembly);
}
