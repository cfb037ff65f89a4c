using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Formats.Mat;

public class MatRecordingReaderTests
{
    private readonly MatRecordingReader _reader = new();

    [Fact]
    public void NinaProLayoutSplitsByMovementAndRepetition()
    {
        var path = RepoPaths.GoldenFile("mat", "ninapro_like.mat");
        Assert.True(_reader.CanRead(path));
        var ds = _reader.Read(path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(["rest", "movement-1", "movement-2", "movement-3"], ds.ClassNames);
        Assert.Equal(100, ds.SampleRateHz);
        Assert.Equal(4, ds.ChannelCount);
        // rest(5), then for each of 3 movements x 2 repetitions: movement(6) + rest(4)
        Assert.Equal(1 + 3 * 2 * 2, ds.Recordings.Count);
        Assert.Equal(5 + 3 * 2 * 10, ds.Recordings.Sum(r => r.SampleCount));
        var first = ds.Recordings[0];
        Assert.Null(first.Metadata.Trial);
        Assert.Equal(5, first.SampleCount);
        Assert.All(first.Labels.ToArray(), l => Assert.Equal(0, l));
        var move = ds.Recordings[3];   // movement 1, repetition 2
        Assert.Equal(2, move.Metadata.Trial);
        Assert.Equal(6, move.SampleCount);
        Assert.All(move.Labels.ToArray(), l => Assert.Equal(1, l));
        Assert.Equal("3", move.Metadata.Subject);
        Assert.Equal("15", move.Metadata.Extra["start-sample"]);

        var emg = (MatNumericArray)MatFile.Read(path)["emg"];
        Assert.Equal((float)emg[15, 2], move[2, 0]);
        Assert.Equal((float)emg[20, 3], move[3, 5]);
        Assert.Null(ds.Recordings[4].Metadata.Trial);   // rest after it
    }

    [Fact]
    public void BioPatRecSessionGivesOneRecordingPerMovementAndRepetition()
    {
        var path = RepoPaths.GoldenFile("mat", "biopatrec_like.mat");
        var ds = _reader.Read(path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(["rest", "Open Hand", "Close Hand"], ds.ClassNames);
        Assert.Equal(200, ds.SampleRateHz);
        Assert.Equal(3, ds.ChannelCount);
        Assert.Equal(4, ds.Recordings.Count);
        var r = ds.Recordings[3];   // Close Hand, repetition 2; tdata(t, c, m) = t + 1000 c + 100000 m (zero-based)
        Assert.Equal(2, r.Metadata.Trial);
        Assert.Equal(40, r.SampleCount);
        Assert.Equal(40 + 2000 + 100000, r[2, 0]);
        var labels = r.Labels.ToArray();
        Assert.All(labels[..20], l => Assert.Equal(2, l));
        Assert.All(labels[20..], l => Assert.Equal(0, l));
        Assert.Empty(ds.Notes);
    }

    [Fact]
    public void PlainMatrixWithRateVariableOrOption()
    {
        using var dir = new TempDirectory();
        var path = dir.File("S7_session.mat");
        var data = new double[3, 50];   // channels x samples: orientation is inferred
        for (int c = 0; c < 3; c++)
            for (int t = 0; t < 50; t++)
                data[c, t] = c * 100 + t;
        MatFileWriter.Write(path, [new("data", MatNumericArray.FromMatrix(data)), new("note", MatCharArray.FromString("x"))]);

        var e = Assert.Throws<DataFormatException>(() => _reader.Read(path, DatasetReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.Contains("--sample-rate-hz", e.Message);
        Assert.StartsWith(path, e.Message);

        var ds = _reader.Read(path, new DatasetReadOptions { SampleRateHz = 1000 }, TestContext.Current.CancellationToken);
        var r = Assert.Single(ds.Recordings);
        Assert.Equal(3, r.ChannelCount);
        Assert.Equal(50, r.SampleCount);
        Assert.Equal(249, r[2, 49]);
        Assert.Equal("7", r.Metadata.Subject);
        Assert.Empty(ds.ClassNames);
        Assert.All(r.Labels.ToArray(), l => Assert.Equal(Recording.NoLabel, l));

        MatFileWriter.Write(path, [new("fs", MatNumericArray.Scalar(2000)), new("data", MatNumericArray.FromMatrix(data))], new MatWriteOptions { Compress = true });
        Assert.Equal(2000, _reader.Read(path, new DatasetReadOptions { SampleRateHz = 1000 }, TestContext.Current.CancellationToken).SampleRateHz);
    }

    [Fact]
    public void FolderOfFilesMergesClasses()
    {
        using var dir = new TempDirectory();
        File.Copy(RepoPaths.GoldenFile("mat", "ninapro_like.mat"), dir.File("S1_A1_E1.mat"));
        File.Copy(RepoPaths.GoldenFile("mat", "ninapro_like.mat"), dir.File("S2_A1_E1.mat"));
        Assert.True(_reader.CanRead(dir.Path));
        var ds = _reader.Read(dir.Path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(26, ds.Recordings.Count);
        Assert.Equal(4, ds.ClassNames.Count);
        Assert.Equal("1", ds.Recordings[0].Metadata.Extra["exercise"]);
        Assert.False(_reader.CanRead(dir.File("nothing.csv")));
    }
}
