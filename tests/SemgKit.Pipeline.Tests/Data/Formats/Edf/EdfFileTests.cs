using System.Text;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Formats.Edf;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Formats.Edf;

public class EdfFileTests
{
    private static double[] Sine(int n, double amplitude, double phase) =>
        Enumerable.Range(0, n).Select(t => amplitude * Math.Sin(0.05 * t + phase) - 0.3 * amplitude).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriterReaderRoundTripWithinOneStep(bool bdf)
    {
        using var dir = new TempDirectory();
        var path = dir.File(bdf ? "rt.bdf" : "rt.edf");
        var a = EdfSignal.FromValues("EMG1", Sine(500, 800, 0), 100, "uV", bdf);
        var b = new EdfSignal("EMG2", Sine(500, 2.5, 1), 100, -4, 4, bdf ? -8388608 : -32768, bdf ? 8388607 : 32767, "mV", "AgAgCl", "HP:20Hz");
        EdfWriter.Write(path, [a, b], new EdfWriteOptions { Bdf = bdf, RecordDurationSeconds = 0.5 });
        var edf = EdfFile.Read(path);
        Assert.Equal(bdf, edf.IsBdf);
        Assert.Equal(5, edf.RecordCount);
        Assert.Equal(0.5, edf.RecordDurationSeconds);
        Assert.Equal(2, edf.Signals.Count);
        foreach (var (expected, actual) in new[] { (a, edf.Signals[0]), (b, edf.Signals[1]) })
        {
            Assert.Equal(expected.Label, actual.Label);
            Assert.Equal(expected.PhysicalDimension, actual.PhysicalDimension);
            Assert.Equal(200, actual.SampleRateHz(edf.RecordDurationSeconds));
            double step = actual.Gain;
            Assert.True(step > 0);
            for (int t = 0; t < 500; t++)
                Assert.True(Math.Abs(expected.Values[t] - actual.Values[t]) <= step, $"{actual.Label}[{t}]: {expected.Values[t]} vs {actual.Values[t]} (step {step})");
        }
        Assert.Equal("AgAgCl", edf.Signals[1].TransducerType);
        Assert.Equal("HP:20Hz", edf.Signals[1].Prefiltering);
        Assert.Contains(edf.Signals[0].Values.ToArray(), v => v < 0);
    }

    /// <summary>An EDF file built byte by byte from the spec (no pyedflib/mne on this machine), so the reader is checked against the spec, not against our writer.</summary>
    internal static byte[] HandBuiltEdf(int recordsField, bool bdf, out double[] expected)
    {
        var h = new StringBuilder();
        h.Append(bdf ? "\xFF" + "BIOSEMI" : "0       ");
        h.Append("P01 M 01-JAN-1990 Test".PadRight(80));
        h.Append("Startdate 01-JAN-2020 X X X".PadRight(80));
        h.Append("01.01.20").Append("10.30.00");
        h.Append("512     ");
        h.Append((bdf ? "24BIT" : "").PadRight(44));
        h.Append(recordsField.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(8));
        h.Append("0.5     ");
        h.Append("1   ");
        h.Append("EMG FDS".PadRight(16)).Append("electrode".PadRight(80)).Append("uV".PadRight(8));
        h.Append("-100    ").Append("100     ");
        h.Append(bdf ? "-8388608" : "-2048   ").Append(bdf ? "8388607 " : "2047    ");
        h.Append("HP:10Hz".PadRight(80)).Append("4       ").Append(new string(' ', 32));
        var header = Encoding.Latin1.GetBytes(h.ToString());
        Assert.Equal(512, header.Length);
        int[] digital = bdf ? [-8388608, -1, 0, 8388607, 123456, -123456, 2, -2] : [-2048, -1, 0, 2047, 1000, -1000, 2, -2];
        double dmin = bdf ? -8388608 : -2048, dmax = bdf ? 8388607 : 2047;
        expected = digital.Select(d => (d - dmin) * 200.0 / (dmax - dmin) - 100).ToArray();
        var data = new List<byte>(header);
        foreach (int d in digital)
        {
            data.Add((byte)d);
            data.Add((byte)(d >> 8));
            if (bdf)
                data.Add((byte)(d >> 16));
        }
        return data.ToArray();
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(false, -1)]
    [InlineData(true, 2)]
    [InlineData(true, -1)]
    public void HandBuiltFileParsesPerSpec(bool bdf, int recordsField)
    {
        using var dir = new TempDirectory();
        var path = dir.File("hand.edf");
        File.WriteAllBytes(path, HandBuiltEdf(recordsField, bdf, out var expected));
        var edf = EdfFile.Read(path);
        Assert.Equal(2, edf.RecordCount);
        var s = Assert.Single(edf.Signals);
        Assert.Equal("EMG FDS", s.Label);
        Assert.Equal("electrode", s.TransducerType);
        Assert.Equal("uV", s.PhysicalDimension);
        Assert.Equal(-100, s.PhysicalMinimum);
        Assert.Equal(100, s.PhysicalMaximum);
        Assert.Equal(4, s.SamplesPerRecord);
        Assert.Equal(8, s.SampleRateHz(edf.RecordDurationSeconds));
        Assert.Equal("P01 M 01-JAN-1990 Test", edf.PatientId);
        Assert.Equal("01.01.20", edf.StartDate);
        Assert.Equal("10.30.00", edf.StartTime);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], s.Values[i], 1e-9);
        Assert.Equal(-100, s.Values[0], 1e-9);
        Assert.Equal(100, s.Values[3], 1e-9);
    }

    [Fact]
    public void AnnotationsRoundTripAndBecomeLabels()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ann.edf");
        var emg = EdfSignal.FromValues("EMG", Sine(1000, 100, 0), 100);
        var annotations = new[]
        {
            new EdfAnnotation(1.0, 2.0, "fist"),
            new EdfAnnotation(4.5, 1.5, "open"),
            new EdfAnnotation(7.0, null, "fist"),
        };
        EdfWriter.Write(path, [emg], new EdfWriteOptions { Annotations = annotations });
        var edf = EdfFile.Read(path);
        Assert.True(edf.IsPlus);
        Assert.Equal(annotations, edf.Annotations);
        Assert.Single(edf.Signals);

        var ds = new EdfRecordingReader().Read(path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(["fist", "open"], ds.ClassNames);
        var labels = ds.Recordings[0].Labels.ToArray();
        Assert.Equal(Recording.NoLabel, labels[99]);
        Assert.Equal(0, labels[100]);
        Assert.Equal(0, labels[299]);
        Assert.Equal(Recording.NoLabel, labels[300]);
        Assert.Equal(1, labels[450]);
        Assert.Equal(1, labels[599]);
        Assert.Equal(Recording.NoLabel, labels[600]);
        Assert.Equal(0, labels[700]);
        Assert.Equal(0, labels[999]);   // no duration: until the end
    }

    [Fact]
    public void MismatchedRatesKeepTheFastestSignals()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.bdf");
        EdfWriter.Write(path,
        [
            EdfSignal.FromValues("EMG1", Sine(2000, 50, 0), 1000, bdf: true),
            EdfSignal.FromValues("ACC", Sine(100, 1, 0), 50, "g", bdf: true),
            EdfSignal.FromValues("EMG2", Sine(2000, 60, 2), 1000, bdf: true),
        ], new EdfWriteOptions { Bdf = true });
        var reader = new EdfRecordingReader();
        Assert.True(reader.CanRead(path));
        var ds = reader.Read(path, DatasetReadOptions.Default, TestContext.Current.CancellationToken);
        Assert.Equal(["EMG1", "EMG2"], ds.ChannelNames);
        Assert.Equal(1000, ds.SampleRateHz);
        Assert.Empty(ds.ClassNames);
        Assert.Contains(ds.Notes, n => n.Contains("'ACC' (50 Hz)"));
        Assert.Equal(2000, ds.Recordings[0].SampleCount);
        Assert.Equal("uV", ds.Recordings[0].ChannelUnits[0]);
    }

    [Fact]
    public void TruncatedRecordIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.edf");
        var bytes = HandBuiltEdf(2, false, out _);
        File.WriteAllBytes(path, bytes[..^3]);
        var e = Assert.Throws<DataFormatException>(() => EdfFile.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal("byte 520", e.Position);
        Assert.Equal("data record 2 of 2 is truncated (5 of 8 bytes present)", e.Problem);

        File.WriteAllBytes(path, HandBuiltEdf(-1, false, out _)[..^3]);
        e = Assert.Throws<DataFormatException>(() => EdfFile.Read(path));
        Assert.Equal("byte 520", e.Position);
    }

    [Fact]
    public void NonNumericHeaderFieldIsNamed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.edf");
        var bytes = HandBuiltEdf(2, false, out _);
        Encoding.ASCII.GetBytes("  x ", bytes.AsSpan(252));
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => EdfFile.Read(path));
        Assert.Equal($"{path}: header field 'number of signals' at byte 252: '  x ' is not a number", e.Message);

        bytes = HandBuiltEdf(2, false, out _);
        Encoding.ASCII.GetBytes("abc     ", bytes.AsSpan(256 + 16 + 80 + 8));   // physical minimum of signal 1
        File.WriteAllBytes(path, bytes);
        e = Assert.Throws<DataFormatException>(() => EdfFile.Read(path));
        Assert.Equal("header field 'physical minimum' of signal 1 ('EMG FDS') at byte 360", e.Position);

        File.WriteAllText(path, "short");
        e = Assert.Throws<DataFormatException>(() => EdfFile.Read(path));
        Assert.Equal("byte 0", e.Position);
    }
}
