using System.Text.Json;
using SemgKit.TestSupport;

namespace SemgKit.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void BenchNeuralQuickWritesTheJsonSchema()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.json");
        var r = CliRunner.Run("bench", "neural", "--quick", "--model", "cnn1d", "--threads", "1", "--json", path);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("cnn1d", r.Out);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var rows = json.RootElement.EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("cnn1d", row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("threads").GetInt32());
        Assert.Equal(826_062, row.GetProperty("parameters").GetInt64());
        var train = row.GetProperty("trainSamplesPerSecond");
        Assert.True(train.GetProperty("64").GetDouble() > 0);
        Assert.True(train.GetProperty("256").GetDouble() > 0);
        var inference = row.GetProperty("inferenceMicroseconds");
        Assert.True(inference.GetProperty("p50").GetDouble() > 0);
        Assert.True(inference.GetProperty("p99").GetDouble() >= inference.GetProperty("p50").GetDouble());
        Assert.Equal(0, row.GetProperty("inferenceAllocatedBytesPerCall").GetDouble());
    }

    [Fact]
    public void BenchNeuralRejectsAnUnknownModel()
    {
        var r = CliRunner.Run("bench", "neural", "--quick", "--model", "nope");
        Assert.Equal(Program.ExitError, r.ExitCode);
        Assert.Contains("Unknown architecture 'nope'", r.Error);
        Assert.Contains("cnn1d", r.Error);
    }

    [Fact]
    public void BenchSignalReportsEveryFeatureWorkloadAllocationFreeAndWritesJson()
    {
        using var dir = new TempDirectory();
        var path = dir.File("signal.json");
        var r = CliRunner.Run("bench", "signal", "--windows", "1000", "--python", "none", "--json", path);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("peer not run", r.Out);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var ours = json.RootElement.GetProperty("semgkit");
        var rows = ours.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["hudgins", "tdfd", "tdfd7"], rows.Keys.Order());
        foreach (var row in rows.Values)
        {
            Assert.True(row.GetProperty("windowsPerSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("parallelWindowsPerSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("singleP99Microseconds").GetDouble() >= row.GetProperty("singleMedianMicroseconds").GetDouble());
            // a per-window allocation is at least one object (≥ 24 B) per window; a one-off runtime allocation is far below 1
            Assert.True(row.GetProperty("bytesPerWindow").GetDouble() < 1, $"{row.GetProperty("name")}: {row.GetProperty("bytesPerWindow")} B per window");
        }
        Assert.True(ours.GetProperty("sampleEntropySecondsPer1000Windows").GetDouble() > 0);
        Assert.True(ours.GetProperty("fuzzyEntropySecondsPer1000Windows").GetDouble() > 0);
        Assert.True(ours.GetProperty("filterSamplesPerSecondPerChannel").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("peer").ValueKind);
    }

    [Fact]
    public void BenchSignalRefusesTooFewWindows()
    {
        var r = CliRunner.Run("bench", "signal", "--windows", "10", "--python", "none");
        Assert.Equal(Program.ExitError, r.ExitCode);
        Assert.Contains("--windows must be at least 1000", r.Error);
    }
}
