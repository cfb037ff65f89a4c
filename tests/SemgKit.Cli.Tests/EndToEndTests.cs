using System.Text.Json;
using SemgKit.Pipeline.Data.Formats.Edf;
using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.TestSupport;

namespace SemgKit.Cli.Tests;

public class EndToEndTests
{
    [Fact]
    public void DemoWritesResultsAndReport()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("demo", "--subjects", "2", "--repetitions", "3", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("results.json")));
        var model = json.RootElement.GetProperty("models")[0];
        Assert.Equal("lda", model.GetProperty("name").GetString());
        double accuracy = model.GetProperty("accuracy").GetDouble();
        Assert.InRange(accuracy, 0.5, 1.0);
        Assert.InRange(model.GetProperty("macroF1").GetDouble(), 0.3, 1.0);
        Assert.Equal(7, model.GetProperty("confusionMatrix").GetArrayLength());
        Assert.Equal("repetition", json.RootElement.GetProperty("split").GetProperty("kind").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("split").GetProperty("folds").GetInt32());

        var html = File.ReadAllText(dir.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.True(html.Split("<svg").Length - 1 >= 3, "accuracy bars, confusion matrix and per-class bars");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.Contains("| lda |", File.ReadAllText(dir.File("report.md")));
    }

    [Fact]
    public void DemoIsDeterministicForASeed()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        Assert.Equal(0, CliRunner.Run("demo", "--subjects", "1", "--repetitions", "3", "--seed", "5", "--out", a.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run("demo", "--subjects", "1", "--repetitions", "3", "--seed", "5", "--out", b.Path).ExitCode);
        static double[] Figures(string folder)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
            var m = doc.RootElement.GetProperty("models")[0];
            return [m.GetProperty("accuracy").GetDouble(), m.GetProperty("macroF1").GetDouble(), m.GetProperty("cohenKappa").GetDouble()];
        }
        Assert.Equal(Figures(a.Path), Figures(b.Path));
    }

    [Fact]
    public void SimulateThenInspectThenDemoOnTheFolder()
    {
        using var dir = new TempDirectory();
        var data = dir.File("sim");
        var sim = CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "3", "--classes", "3", "--out", data);
        Assert.True(sim.ExitCode == 0, sim.Error);
        Assert.True(File.Exists(Path.Combine(data, "dataset.json")));

        var inspect = CliRunner.Run("inspect", data);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains("1 subjects, 6 recordings, 8 channels at 1000 Hz", inspect.Out);
        Assert.Contains("50 Hz ratio", inspect.Out);

        var demo = CliRunner.Run("demo", "--data", data, "--out", dir.File("out"));
        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.True(File.Exists(dir.File("out/report.html")));
    }

    [Fact]
    public void InspectReadsMatAndEdfFiles()
    {
        using var dir = new TempDirectory();
        var rng = new Random(3);
        var emg = new double[2000, 4];
        for (int t = 0; t < 2000; t++)
            for (int c = 0; c < 4; c++)
                emg[t, c] = rng.NextDouble() - 0.5 + 0.2 * Math.Sin(2 * Math.PI * 50 * t / 1000.0);
        var mat = dir.File("rec.mat");
        MatFileWriter.Write(mat, [new("emg", MatNumericArray.FromMatrix(emg)), new("fs", MatNumericArray.Scalar(1000))], new MatWriteOptions { Compress = true });
        var r = CliRunner.Run("inspect", mat);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("4 channels at 1000 Hz", r.Out);

        var edf = dir.File("rec.edf");
        var signals = Enumerable.Range(0, 3).Select(c => EdfSignal.FromValues($"EMG{c + 1}", Enumerable.Range(0, 2000).Select(t => emg[t, c]).ToArray(), 1000)).ToArray();
        EdfWriter.Write(edf, signals);
        r = CliRunner.Run("inspect", edf);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("3 channels at 1000 Hz", r.Out);
        Assert.Contains("EMG2", r.Out);
    }

    [Fact]
    public void DatasetsListsTheSharedDatasets()
    {
        var uci = SharedData.Require(SharedData.UciLowerLimb);
        var r = CliRunner.Run("datasets", "--data-root", Path.GetDirectoryName(uci)!);
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var (name, subjects) in new[] { (SharedData.UciLowerLimb, 22), (SharedData.CoteAllard, 37), (SharedData.Elderly, 30), (SharedData.Ciil, 21) })
        {
            var line = r.Out.Split('\n').Single(l => l.Contains(name, StringComparison.Ordinal));
            Assert.Contains($" {subjects} ", line);
        }
    }

    [Fact]
    public void FeaturesWritesOneRowPerWindowWithProvenance()
    {
        using var dir = new TempDirectory();
        var data = dir.File("sim");
        Assert.Equal(0, CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "2", "--classes", "2", "--out", data).ExitCode);
        var csv = dir.File("f.csv");
        var r = CliRunner.Run("features", data, "--features", "TDFD,AR:4", "--window-samples", "200", "--step-samples", "100", "--notch", "50", "--out", csv);
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        Assert.Equal("ch1.MAV", header[0]);
        Assert.Contains("ch8.AR4", header);
        Assert.Equal(["label", "subject", "session", "trial", "recording", "startSample"], header[^6..]);
        // 1 movement (rest lies inside each recording) × 2 repetitions = 2 recordings of 5000 samples;
        // windows start at 100 (after the 100 ms warm-up) .. 4800 every 100 -> 48 each
        Assert.Equal(1 + 2 * 48, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal(header.Length, first.Length);
        Assert.Equal("rest", first[^6]);
        Assert.Equal("s01", first[^5]);
        Assert.Equal("100", first[^1]);
        Assert.Contains(lines.Skip(1), l => l.Split(',')[^6] == "hand-open");
    }

    [Fact]
    public void FeaturesTakeWindowsInMsABandPassAndALabelRule()
    {
        using var dir = new TempDirectory();
        var data = dir.File("sim");
        Assert.Equal(0, CliRunner.Run("simulate", "--subjects", "1", "--repetitions", "1", "--classes", "2", "--out", data).ExitCode);
        string[] Rows(params string[] extra)
        {
            var csv = dir.File("f.csv");
            var r = CliRunner.Run(["features", data, "--features", "MAV,MNF", "--window-ms", "200", "--step-ms", "100", "--band-pass", "30", "200", "--out", csv, .. extra]);
            Assert.True(r.ExitCode == 0, r.Error);
            return File.ReadAllLines(csv);
        }
        var mode = Rows();
        // one recording of 5000 samples: windows start at 100 .. 4800 every 100 -> 48
        Assert.Equal(1 + 48, mode.Length);
        Assert.Equal(1 + 48, Rows("--label-rule", "last").Length);
        // rest → hand-open → rest: the pure rule leaves the windows that straddle a change of class without a label (the
        // export keeps every window; training drops them)
        static int Unlabelled(string[] rows) => rows.Skip(1).Count(l => l.Split(',')[^6] == "");
        Assert.Equal(0, Unlabelled(mode));
        var pure = Rows("--label-rule", "pure");
        Assert.Equal(mode.Length, pure.Length);
        Assert.InRange(Unlabelled(pure), 1, 8);
        Assert.InRange(Unlabelled(Rows("--label-rule", "pure:0.5")), 0, Unlabelled(pure) - 1);
        // a band-pass changes the features: compare the first MAV with the default 20–450 Hz
        Assert.NotEqual(mode[1].Split(',')[0], RowsDefaultBand()[1].Split(',')[0]);
        string[] RowsDefaultBand()
        {
            var csv = dir.File("g.csv");
            Assert.Equal(0, CliRunner.Run("features", data, "--features", "MAV,MNF", "--window-ms", "200", "--step-ms", "100", "--out", csv).ExitCode);
            return File.ReadAllLines(csv);
        }
        foreach (var bad in new[] { "pure:0", "pure:1.5", "last:0.5", "most" })
        {
            var r = CliRunner.Run("features", data, "--label-rule", bad, "--out", dir.File("h.csv"));
            Assert.Equal(1, r.ExitCode);
            Assert.Contains($"--label-rule '{bad}'", r.Error);
        }
        var b = CliRunner.Run("features", data, "--band-pass", "200", "30", "--out", dir.File("h.csv"));
        Assert.Equal(1, b.ExitCode);
        Assert.Contains("need 0 < LO < HI", b.Error);
    }

    [Fact]
    public void FeaturesOnABareCsvNeedsTheRate()
    {
        using var dir = new TempDirectory();
        var file = dir.File("x.csv");
        File.WriteAllLines(file, Enumerable.Range(0, 1000).Select(i => $"{Math.Sin(i * 0.3)},{Math.Cos(i * 0.7)}"));
        var r = CliRunner.Run("features", file, "--out", dir.File("f.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--sample-rate-hz", r.Error);
        r = CliRunner.Run("features", file, "--sample-rate-hz", "1000", "--features", "MAV,MNF", "--out", dir.File("f.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.StartsWith("ch1.MAV,ch1.MNF,ch2.MAV,ch2.MNF,label", File.ReadAllLines(dir.File("f.csv"))[0]);
    }
}
