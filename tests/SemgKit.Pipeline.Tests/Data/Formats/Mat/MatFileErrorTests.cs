using System.Text;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Formats.Mat;

public class MatFileErrorTests
{
    [Theory]
    [InlineData("values_v6.mat")]
    [InlineData("values_v7.mat")]
    public void TruncatedFileNamesFileByteAndVariable(string golden)
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(RepoPaths.GoldenFile("mat", golden));
        var path = dir.File("cut.mat");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Equal(path, e.File);
        Assert.StartsWith("byte ", e.Position);
        Assert.Contains("truncated", e.Problem);
        Assert.StartsWith(path + ": byte ", e.Message);
    }

    [Fact]
    public void TruncatedInsideAVariableNamesTheVariable()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(RepoPaths.GoldenFile("mat", "values_v6.mat"));
        var path = dir.File("cut.mat");
        // the first variable ('dbl', 3x4 doubles) ends well after byte 200
        File.WriteAllBytes(path, bytes[..200]);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains("in variable 'dbl'", e.Position);
    }

    [Fact]
    public void UnknownDataTypeNamesByteAndVariable()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(RepoPaths.GoldenFile("mat", "handmade_le.mat"));
        bytes[176] = 19;   // the data element of 'asu8' (after header 128, matrix tag 8, flags 16, dims 16, small name 8)
        var path = dir.File("bad.mat");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Equal("byte 176 in variable 'asu8'", e.Position);
        Assert.Equal("unknown data type 19", e.Problem);
    }

    [Fact]
    public void NotAMatFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("text.mat");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("time,ch1,ch2\n0,1,2\n", 20)));
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Equal("byte 126", e.Position);
        Assert.Contains("not a MAT-file Level 5", e.Problem);

        File.WriteAllText(path, "tiny");
        e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains("shorter than the 128-byte", e.Problem);
    }

    [Fact]
    public void V73HdfFileSaysHowToSave()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[1024];
        Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .".PadRight(116), bytes);
        bytes[124] = 0x00; bytes[125] = 0x02; bytes[126] = (byte)'I'; bytes[127] = (byte)'M';
        byte[] hdf = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        hdf.CopyTo(bytes, 512);
        var path = dir.File("v73.mat");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains("MAT v7.3 (HDF5) files are not supported; save with -v7 in MATLAB", e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void CorruptCompressedElement()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(RepoPaths.GoldenFile("mat", "values_v7.mat"));
        for (int i = 140; i < 160; i++)
            bytes[i] ^= 0x5A;
        var path = dir.File("corrupt.mat");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.StartsWith("byte 128", e.Position);
    }
}
