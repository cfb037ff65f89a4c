using SemgKit.TestSupport;

namespace SemgKit.Cli.Tests;

/// <summary>Every kind of bad input: one line on stderr naming the file and position, non-zero exit, no stack trace.</summary>
public class BadInputTests
{
    private static void AssertOneLineError(CliRunner.Result r, int exitCode, params string[] fragments)
    {
        Assert.Equal(exitCode, r.ExitCode);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("semg: ", StringComparison.Ordinal));
        foreach (var f in fragments)
            Assert.Contains(f, error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void MissingPath()
    {
        var r = CliRunner.Run("inspect", "/no/such/file.csv");
        AssertOneLineError(r, 1, "unknown dataset '/no/such/file.csv'");
    }

    [Fact]
    public void UnknownDatasetName()
    {
        using var root = new TempDirectory();
        var r = CliRunner.Run("demo", "--data", "nonexistent-set", "--data-root", root.Path);
        AssertOneLineError(r, 1, "unknown dataset 'nonexistent-set'");
    }

    [Fact]
    public void NonNumericCell()
    {
        using var dir = new TempDirectory();
        var file = dir.File("take.csv");
        File.WriteAllText(file, "1,2\n3,4\n5,abc\n");
        var r = CliRunner.Run("inspect", file, "--sample-rate-hz", "100");
        AssertOneLineError(r, 1, "take.csv", "row 3, column 2", "'abc' is not a number");
    }

    [Fact]
    public void WrongColumnCount()
    {
        using var dir = WriteStudy(csv: "1,2,3,4\n1,2,3,4,5,6\n");
        var r = CliRunner.Run("inspect", dir.Path);
        AssertOneLineError(r, 1, "a_1.csv", "row 2", "6 columns, expected 4");
    }

    [Fact]
    public void NaNSampleIsRefusedForTraining()
    {
        using var dir = WriteStudy(csv: "1,2,3,4\n1,NaN,3,4\n");
        var r = CliRunner.Run("demo", "--data", dir.Path, "--out", dir.File("out"));
        AssertOneLineError(r, 1, "a_1.csv", "row 2, column 2", "NaN");
    }

    [Fact]
    public void NaNSampleIsCountedByInspect()
    {
        using var dir = WriteStudy(csv: "1,2,3,4\n1,NaN,3,4\n2,3,4,5\n");
        var r = CliRunner.Run("inspect", dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("NaN/Inf", r.Out);
    }

    [Fact]
    public void TruncatedBinaryFile()
    {
        using var dir = new TempDirectory();
        var file = dir.File("rec.edf");
        File.WriteAllBytes(file, new byte[100]);
        var r = CliRunner.Run("inspect", file);
        AssertOneLineError(r, 1, "rec.edf");
    }

    [Fact]
    public void EmptyClass()
    {
        using var dir = WriteStudy(csv: "1,2,3,4\n5,6,7,8\n", classes: "\"open\", \"never\"");
        var r = CliRunner.Run("demo", "--data", dir.Path, "--out", dir.File("out"));
        AssertOneLineError(r, 1, "class 'never' has no labelled samples", "empty class");
    }

    [Fact]
    public void UnknownClass()
    {
        using var dir = WriteStudy(csv: "1,2,3,4\n", label: "fist");
        var r = CliRunner.Run("inspect", dir.Path);
        AssertOneLineError(r, 1, "dataset.json", "recordings[0].label", "unknown class 'fist'");
    }

    [Fact]
    public void UnknownModel()
    {
        var r = CliRunner.Run("demo", "--subjects", "1", "--repetitions", "2", "--models", "lda,magic", "--out", Path.Combine(Path.GetTempPath(), "semg-unused"));
        AssertOneLineError(r, 1, "unknown model 'magic'");
    }

    [Fact]
    public void UsageErrorExitsTwo()
    {
        var r = CliRunner.Run("demo", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Error);
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        var r = CliRunner.Run("inspect", "/no/such/file.csv", "--verbose");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("   at ", r.Error);
    }

    /// <summary>A generic-format study with one recording "s1/a_1.csv" of 4 channels.</summary>
    private static TempDirectory WriteStudy(string csv, string classes = "\"rest\", \"open\"", string label = "open")
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("s1"));
        File.WriteAllText(dir.File("s1/a_1.csv"), csv);
        File.WriteAllText(dir.File("dataset.json"), $$"""
            { "name": "bad", "sampleRateHz": 1000, "channels": ["c1","c2","c3","c4"], "classes": [{{classes}}],
              "recordings": [ { "file": "s1/a_1.csv", "subject": "s1", "trial": 1, "label": "{{label}}" } ] }
            """);
        return dir;
    }
}
