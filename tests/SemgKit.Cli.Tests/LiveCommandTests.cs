using System.Text.Json;
using SemgKit.TestSupport;

namespace SemgKit.Cli.Tests;

/// <summary>stream, motion-test, loadtest through the CLI, and their bad inputs.</summary>
public class LiveCommandTests
{
    /// <summary>A simulated study (1 subject, 3 repetitions, 3 classes) and an LDA model trained on it, made once.</summary>
    private static readonly Lazy<(string Data, string Model, string Folder)> Trained = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "semgkit-live-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(folder, "sim");
        var sim = CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "3", "--classes", "3", "--out", data);
        Assert.True(sim.ExitCode == 0, sim.Error);
        var model = Path.Combine(folder, "model.semg");
        var train = CliRunner.Run("train", "--data", data, "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        return (data, model, folder);
    });

    private static string FirstCsv() => Directory.GetFiles(Trained.Value.Data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();

    private static void AssertOneLineError(CliRunner.Result r, params string[] fragments)
    {
        Assert.Equal(1, r.ExitCode);
        var error = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("semg: ", StringComparison.Ordinal));
        foreach (var f in fragments) Assert.Contains(f, error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>A copy of the simulated study as if the armband had been put back <paramref name="turn"/> electrodes round: electrode c + turn records what electrode c did.</summary>
    private static string Rotated(int turn)
    {
        var folder = Path.Combine(Trained.Value.Folder, $"rotated-{turn}");
        foreach (var file in Directory.GetFiles(Trained.Value.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Trained.Value.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!file.EndsWith(".csv", StringComparison.Ordinal)) { File.Copy(file, target, overwrite: true); continue; }
            var lines = File.ReadAllLines(file);
            File.WriteAllLines(target, lines.Select((line, i) =>
            {
                if (i == 0) return line; // the header names the electrodes, which stay where they are
                var cells = line.Split(',');
                int channels = cells.Length - 1;
                var moved = new string[cells.Length];
                for (int c = 0; c < channels; c++) moved[(c + turn) % channels] = cells[c];
                moved[channels] = cells[channels];
                return string.Join(',', moved);
            }));
        }
        return folder;
    }

    [Fact]
    public void EvaluateAndStreamPutARotatedArmbandsChannelsBack()
    {
        var rotated = Rotated(3);
        var outDir = Path.Combine(Trained.Value.Folder, "recalibrated");
        double Accuracy(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))).RootElement.GetProperty("models")[0].GetProperty("accuracy").GetDouble();
        var asTrained = CliRunner.Run("evaluate", "--model", Trained.Value.Model, "--data", Trained.Value.Data, "--out", outDir + "-original");
        var asRecorded = CliRunner.Run("evaluate", "--model", Trained.Value.Model, "--data", rotated, "--out", outDir + "-as-recorded");
        var put = CliRunner.Run("evaluate", "--model", Trained.Value.Model, "--data", rotated, "--recalibrate", rotated, "--out", outDir);
        foreach (var r in new[] { asTrained, asRecorded, put }) Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("armband rotation 3 electrode(s) forward", put.Error);
        Assert.Equal(Accuracy(outDir + "-original"), Accuracy(outDir)); // the channels are exactly the trained ones again
        Assert.True(Accuracy(outDir) > Accuracy(outDir + "-as-recorded") + 0.2, $"{Accuracy(outDir)} vs {Accuracy(outDir + "-as-recorded")}");

        var csv = Path.GetRelativePath(Trained.Value.Data, FirstCsv());
        static IEnumerable<string?> Classes(CliRunner.Result r) => Lines(r.Out).Select(l => l.TryGetProperty("class", out var c) ? c.ToString() : null);
        var original = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + FirstCsv(), "--speed", "max");
        var live = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + Path.Combine(rotated, csv), "--speed", "max", "--recalibrate", rotated);
        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Contains("armband rotation 3 electrode(s) forward", live.Error);
        Assert.Equal(Classes(original), Classes(live));
        Assert.True(Classes(original).Distinct().Count() > 2, string.Join(",", Classes(original).Distinct())); // decisions, then rest and the movement
        var unaligned = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + Path.Combine(rotated, csv), "--speed", "max");
        Assert.NotEqual(Classes(original), Classes(unaligned));
    }

    [Fact]
    public void RecalibrationNeedsACompatibleRecording()
    {
        var other = Path.Combine(Trained.Value.Folder, "other");
        var sim = CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "1", "--classes", "3", "--channels", "4", "--out", other);
        Assert.True(sim.ExitCode == 0, sim.Error);
        AssertOneLineError(CliRunner.Run("evaluate", "--model", Trained.Value.Model, "--data", Trained.Value.Data, "--recalibrate", other, "--out", Path.Combine(Trained.Value.Folder, "x")), "4 channels", "trained on 8");
        AssertOneLineError(CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + FirstCsv(), "--recalibrate", Path.Combine(Trained.Value.Folder, "missing.csv")), "missing.csv");
    }

    [Fact]
    public void StreamReplaysARecordingToStdoutAsJsonLines()
    {
        var r = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + Trained.Value.Data, "--sink", "stdout", "--speed", "max");
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = Lines(r.Out);
        var decisions = lines.Where(l => !l.GetProperty("safe").GetBoolean()).ToList();
        Assert.True(decisions.Count > 100, $"{decisions.Count} decisions");
        Assert.Equal("stream-start", lines[0].GetProperty("reason").GetString());
        Assert.Equal("shutdown", lines[^1].GetProperty("reason").GetString());
        Assert.Equal("stop", lines[^1].GetProperty("command").GetString());
        Assert.All(decisions, d => Assert.True(d.GetProperty("latencyMicroseconds").GetInt64() >= 0));
        Assert.Contains(decisions, d => d.GetProperty("class").GetString() == "hand-open" && d.GetProperty("command").GetString() == "hand-open");
        Assert.Contains("stream: ", r.Error);
        Assert.Contains("p99", r.Error);
        Assert.Contains("0 dropped frames", r.Error);
    }

    [Fact]
    public void StreamAppliesACommandMap()
    {
        var map = Path.Combine(Trained.Value.Folder, "map.json");
        File.WriteAllText(map, """{ "commands": { "hand-open": "OPEN", "hand-close": "CLOSE", "rest": "STOP" }, "safeCommand": "STOP", "dwellMs": 0 }""");
        var r = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + FirstCsv(), "--speed", "max", "--commands", map, "--fit-velocity", Trained.Value.Data);
        Assert.True(r.ExitCode == 0, r.Error);
        var commands = Lines(r.Out).Select(l => l.GetProperty("command").GetString()).Distinct().ToHashSet();
        Assert.Subset(new HashSet<string?> { "OPEN", "CLOSE", "STOP" }, commands);
        Assert.Contains("STOP", commands);
    }

    [Fact]
    public void StreamReadsCsvLinesFromStdin()
    {
        // the generic CSV has a label column; a device sends only the channels
        var csv = string.Join("\n", File.ReadAllLines(FirstCsv()).Select(l => l[..l.LastIndexOf(',')])) + "\n";
        var r = CliRunner.RunWithInput(csv + "not,a,frame\n", "stream", "--model", Trained.Value.Model, "--source", "stdin");
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = Lines(r.Out);
        Assert.True(lines.Count(l => !l.GetProperty("safe").GetBoolean()) > 50);
        Assert.Contains("malformed 1", r.Error);
    }

    [Fact]
    public void MotionTestWritesResults()
    {
        var output = Path.Combine(Trained.Value.Folder, "mt");
        var r = CliRunner.Run("motion-test", "--model", Trained.Value.Model, "--data", Trained.Value.Data, "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Equal(2, json.RootElement.GetProperty("classes").GetArrayLength());
        Assert.Contains("| all |", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.Contains("hand-open", r.Out);
    }

    [Fact]
    public void LoadTestRunsConcurrentStreams()
    {
        var r = CliRunner.Run("loadtest", "--model", Trained.Value.Model, "--streams", "3", "--seconds", "1");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("all streams:", r.Out);
        Assert.Contains("lost frames 0", r.Out);
    }

    [Fact]
    public void MissingModel()
    {
        var r = CliRunner.Run("stream", "--model", "/no/such/model.semg", "--source", "stdin");
        AssertOneLineError(r, "/no/such/model.semg", "not found");
    }

    [Fact]
    public void CorruptModel()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(Trained.Value.Model);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(dir.File("bad.semg"), bytes);
        AssertOneLineError(CliRunner.Run("stream", "--model", dir.File("bad.semg"), "--source", "stdin"), "bad.semg", "checksum");
        File.WriteAllBytes(dir.File("short.semg"), bytes[..40]);
        AssertOneLineError(CliRunner.Run("stream", "--model", dir.File("short.semg"), "--source", "stdin"), "short.semg");
    }

    [Fact]
    public void WrongChannelCountBetweenModelAndData()
    {
        using var dir = new TempDirectory();
        var sim = CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "1", "--classes", "2", "--channels", "4", "--out", dir.File("four"));
        Assert.True(sim.ExitCode == 0, sim.Error);
        var r = CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "replay:" + dir.File("four"), "--speed", "max");
        AssertOneLineError(r, "4 channels", "trained on 8");
    }

    [Fact]
    public void BadAddresses()
    {
        AssertOneLineError(CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "tcp://127.0.0.1"), "tcp://HOST:PORT");
        AssertOneLineError(CliRunner.Run("stream", "--model", Trained.Value.Model, "--source", "stdout"), "not a source");
        AssertOneLineError(CliRunner.Run("send", FirstCsv(), "--sample-rate-hz", "1000", "--to", "stdout"), "send needs");
    }
}
