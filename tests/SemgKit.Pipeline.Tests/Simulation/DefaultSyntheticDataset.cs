using System.Diagnostics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

/// <summary>The default synthetic dataset, generated once per test run and shared by the tests that need it.</summary>
internal static class DefaultSyntheticDataset
{
    public const int Seed = 42;

    private static readonly Lazy<(Dataset Dataset, TimeSpan Elapsed)> Lazy = new(() =>
    {
        var stopwatch = Stopwatch.StartNew();
        var dataset = SyntheticEmg.Generate(SyntheticEmgOptions.Default, Seed);
        return (dataset, stopwatch.Elapsed);
    });

    public static Dataset Dataset => Lazy.Value.Dataset;

    /// <summary>Wall-clock time of the one generation (includes JIT of the generator).</summary>
    public static TimeSpan GenerationTime => Lazy.Value.Elapsed;
}
