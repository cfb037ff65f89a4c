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
}
