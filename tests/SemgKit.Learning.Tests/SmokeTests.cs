namespace SemgKit.Learning.Tests;

public class AssemblyLoadsTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(SemgKit.Learning.Tests.AssemblyLoadsTests).Assembly);
}
