using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Generic;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Generic;

public class GenericDatasetReaderTests
{
    private const string IssueManifest = """
        { "name": "my-study", "sampleRateHz": 2000, "channels": ["FDS", "EDC", "FCU", "ECU"],
          "classes": ["rest", "open", "close"],
          "recordings": [
            { "file": "s01/open_1.csv", "subject": "s01", "session": "1", "trial": 1, "label": "open" },
            { "file": "s01/run_2.csv",  "subject": "s01", "session": "1", "trial": 2 } ] }
        """;

    private static TempDirectory IssueExample()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("s01"));
        File.WriteAllText(dir.File("dataset.json"), IssueManifest);
        File.WriteAllText(dir.File("s01/open_1.csv"), "0.1,0.2,0.3,0.4\n-1,-2,-3,-4\n5e-3,6,7,8\n");
        File.WriteAllText(dir.File("s01/run_2.csv"), "FDS,EDC,FCU,ECU,label\n1,2,3,4,rest\n5,6,7,8,close\n9,10,11,12,\n13,14,15,16,OPEN\n");
        return dir;
    }

    [Fact]
    public void ReadsTheManifestFromTheIssueAsWritten()
    {
        using var dir = IssueExample();
        var reader = new GenericDatasetReader();
        Assert.True(reader.CanRead(dir.Path));
        var d = reader.Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);

        Assert.Equal("my-study", d.Name);
        Assert.Equal(["rest", "open", "close"], d.ClassNames);
        Assert.Equal(2000, d.SampleRateHz);
        Assert.Equal(["FDS", "EDC", "FCU", "ECU"], d.ChannelNames);
        Assert.Equal(2, d.Recordings.Count);

        var open = d.Recordings[0];
        Assert.Equal(3, open.SampleCount);
        Assert.Equal(new[] { 1, 1, 1 }, open.Labels.ToArray());
        Assert.Equal(0.1f, open[0, 0]);
        Assert.Equal(-4f, open[3, 1]);
        Assert.Equal(5e-3f, open[0, 2]);
        Assert.Equal("s01", open.Metadata.Subject);
        Assert.Equal("1", open.Metadata.Session);
        Assert.Equal(1, open.Metadata.Trial);

        var run = d.Recordings[1];
        Assert.Equal(new[] { 0, 2, Recording.NoLabel, 1 }, run.Labels.ToArray());
        Assert.Equal(new float[] { 2, 6, 10, 14 }, run.Channel(1).ToArray());
        Assert.Equal(2, run.Metadata.Trial);
    }

    [Fact]
    public void WriterRoundTripsExactly()
    {
        using var dir = IssueExample();
        var original = new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        using var copy = new TempDirectory();
        GenericDatasetWriter.Write(original, copy.Path, TestContext.Current.CancellationToken);
        var back = new GenericDatasetReader().Read(copy.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);

        Assert.Equal(original.ClassNames, back.ClassNames);
        Assert.Equal(original.Recordings.Count, back.Recordings.Count);
        for (int i = 0; i < original.Recordings.Count; i++)
        {
            Assert.Equal(original.Recordings[i].Samples.ToArray(), back.Recordings[i].Samples.ToArray());
            Assert.Equal(original.Recordings[i].Labels.ToArray(), back.Recordings[i].Labels.ToArray());
            Assert.Equal(original.Recordings[i].Metadata.Trial, back.Recordings[i].Metadata.Trial);
            Assert.Equal(original.Recordings[i].Metadata.Session, back.Recordings[i].Metadata.Session);
        }
    }

    [Fact]
    public void WriterRoundTripsRandomFloatsBitForBit()
    {
        var rng = new Random(7);
        var samples = Enumerable.Range(0, 3 * 50).Select(_ => (float)(rng.NextDouble() * 2 - 1) * MathF.Pow(10, rng.Next(-6, 4))).ToArray();
        var labels = Enumerable.Range(0, 50).Select(t => t % 3 == 0 ? Recording.NoLabel : t % 2).ToArray();
        var r = new Recording(samples, 512, ["a", "b", "c"], labels, new RecordingMetadata("x", "s1", "2", 3, "g"));
        var d = new Dataset("rt", ["rest", "move"], [r]);
        using var dir = new TempDirectory();
        GenericDatasetWriter.Write(d, dir.Path, TestContext.Current.CancellationToken);
        var back = new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken).Recordings[0];
        Assert.Equal(samples, back.Samples.ToArray());
        Assert.Equal(labels, back.Labels.ToArray());
        Assert.Equal("g", back.Metadata.Group);
    }

    [Theory]
    [InlineData("1,2,3,4\n1,2,x,4\n", "open_1.csv: row 2, column 3: 'x' is not a number")]
    [InlineData("1,2,3,4\n1,2,3\n", "open_1.csv: row 2: 3 columns, expected 4")]
    [InlineData("1,2,3,4\nNaN,2,3,4\n", "open_1.csv: row 2, column 1: sample is NaN")]
    [InlineData("1,2,3,4\n1,2,3,Infinity\n", "open_1.csv: row 2, column 4: sample is Infinity")]
    [InlineData("1,2,3\n", "open_1.csv: row 1: 3 columns, expected 4 channels")]
    [InlineData("", "open_1.csv: file is empty")]
    public void BadCsvNamesFileAndPosition(string csv, string expected)
    {
        using var dir = IssueExample();
        File.WriteAllText(dir.File("s01/open_1.csv"), csv);
        var e = Assert.Throws<DataFormatException>(() => new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void UnknownClassInLabelColumnNamesRowAndClasses()
    {
        using var dir = IssueExample();
        File.WriteAllText(dir.File("s01/run_2.csv"), "FDS,EDC,FCU,ECU,label\n1,2,3,4,rest\n5,6,7,8,fist\n");
        var e = Assert.Throws<DataFormatException>(() => new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("run_2.csv: row 3: unknown class 'fist'", e.Message);
        Assert.Contains("rest, open, close", e.Message);
    }

    [Theory]
    [InlineData("\"label\": \"open\"", "\"label\": \"fist\"", "recordings[0].label", "unknown class 'fist'")]
    [InlineData("\"sampleRateHz\": 2000", "\"sampleRateHz\": 0", "sampleRateHz", "positive")]
    [InlineData("\"classes\": [\"rest\", \"open\", \"close\"]", "\"classes\": [\"rest\", \"\", \"close\"]", "classes[1]", "empty")]
    [InlineData("\"classes\": [\"rest\", \"open\", \"close\"]", "\"classes\": [\"rest\", \"open\", \"Open\"]", "classes[2]", "duplicate")]
    [InlineData("\"file\": \"s01/open_1.csv\"", "\"file\": \"s01/missing.csv\"", "recordings[0].file", "not found")]
    [InlineData("\"subject\": \"s01\", \"session\": \"1\", \"trial\": 1", "\"session\": \"1\", \"trial\": 1", "recordings[0].subject", "missing")]
    public void BadManifestNamesTheField(string find, string replace, string field, string problem)
    {
        using var dir = IssueExample();
        File.WriteAllText(dir.File("dataset.json"), IssueManifest.Replace(find, replace, StringComparison.Ordinal));
        var e = Assert.Throws<DataFormatException>(() => new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("dataset.json", e.Message);
        Assert.Contains(field, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void InvalidJsonNamesLineAndColumn()
    {
        using var dir = IssueExample();
        File.WriteAllText(dir.File("dataset.json"), "{\n  \"name\": \"x\",\n  \"sampleRateHz\": oops\n}");
        var e = Assert.Throws<DataFormatException>(() => new GenericDatasetReader().Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("dataset.json: line 3", e.Message);
    }

    [Fact]
    public void InspectionMayKeepNonFiniteSamples()
    {
        using var dir = IssueExample();
        File.WriteAllText(dir.File("s01/open_1.csv"), "1,2,3,4\nNaN,2,3,4\n1,2,3,-Infinity\n");
        var d = new GenericDatasetReader().Read(dir.Path, new DatasetReadOptions { AllowNonFinite = true }, TestContext.Current.CancellationToken);
        Assert.True(float.IsNaN(d.Recordings[0][0, 1]));
        Assert.True(float.IsNegativeInfinity(d.Recordings[0][3, 2]));
    }

    [Fact]
    public void BareCsvNeedsSampleRateAndTakesClassesFromLabels()
    {
        using var dir = new TempDirectory();
        var file = dir.File("take.csv");
        File.WriteAllText(file, "a;b;label\n1;2;open\n3;4;close\n5;6;open\n");
        var reader = new CsvFileReader();
        var e = Assert.Throws<DataFormatException>(() => reader.Read(file, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("--sample-rate-hz", e.Message);
        var d = reader.Read(file, new DatasetReadOptions { SampleRateHz = 100 }, TestContext.Current.CancellationToken);
        Assert.Equal(["open", "close"], d.ClassNames);
        Assert.Equal(["a", "b"], d.ChannelNames);
        Assert.Equal(new[] { 0, 1, 0 }, d.Recordings[0].Labels.ToArray());
        Assert.Equal(new float[] { 2, 4, 6 }, d.Recordings[0].Channel(1).ToArray());
    }
}
