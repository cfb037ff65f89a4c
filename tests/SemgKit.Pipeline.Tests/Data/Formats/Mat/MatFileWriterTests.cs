using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Formats.Mat;

public class MatFileWriterTests
{
    private static KeyValuePair<string, MatValue> V(string name, MatValue value) => new(name, value);

    private static List<KeyValuePair<string, MatValue>> Sample() =>
    [
        V("d", MatNumericArray.FromMatrix(new double[,] { { 1.5, -2 }, { 3, 1e-9 }, { double.MaxValue, 0 } })),
        V("f", MatNumericArray.FromMatrix(new float[,] { { 1.25f, 2.5f, -3.75f } })),
        V("i16", new MatNumericArray(MatClass.Int16, [2, 2, 2], [-32768, 1, 2, 3, 4, 5, 6, 32767])),
        V("u64", new MatNumericArray(MatClass.UInt64, [1, 2], [0, 1L << 50])),
        V("z", new MatNumericArray(MatClass.Double, [1, 2], [1, 2], [-1, 0.5])),
        V("b", new MatNumericArray(MatClass.UInt8, [1, 3], [1, 0, 1], isLogical: true) { IsGlobal = true }),
        V("s", MatCharArray.FromString("EMG ümlaut")),
        V("rows", MatCharArray.FromRows(["ab", "wxyz"])),
        V("empty", new MatNumericArray(MatClass.Double, [0, 0], [])),
        V("emptys", MatCharArray.FromString("")),
        V("c", MatCellArray.Row(MatNumericArray.Scalar(1), MatCharArray.FromString("x"), MatCellArray.Row())),
        V("st", MatStructArray.Scalar(V("sF", MatNumericArray.Scalar(1000)), V("name", MatCharArray.FromString("a")))),
        V("sa", new MatStructArray([2, 1], ["x"], [[MatNumericArray.Scalar(1)], [MatNumericArray.RowVector([2, 3])]])),
        V("nofields", new MatStructArray([1, 1], [], [[]])),
    ];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void RoundTrip(bool compress, bool bigEndian)
    {
        using var dir = new TempDirectory();
        var path = dir.File("rt.mat");
        var vars = Sample();
        MatFileWriter.Write(path, vars, new MatWriteOptions { Compress = compress, BigEndian = bigEndian, HeaderText = "MATLAB 5.0 MAT-file, test" });
        var mat = MatFile.Read(path);
        Assert.Equal(bigEndian, mat.IsBigEndian);
        Assert.Equal("MATLAB 5.0 MAT-file, test", mat.HeaderText);
        Assert.Equal(vars.Select(v => v.Key), mat.VariableNames);
        foreach (var (name, value) in vars)
            AssertSame(value, mat[name], name);
    }

    [Fact]
    public void IntegerClassesRoundAndSaturateLikeMatlab()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cast.mat");
        MatFileWriter.Write(path, [V("x", new MatNumericArray(MatClass.Int16, [1, 4], [2.5, -2.5, 1e9, double.NaN]))]);
        Assert.Equal([3, -3, 32767, 0], ((MatNumericArray)MatFile.Read(path)["x"]).Real.ToArray());
    }

    [Fact]
    public void InvalidNamesAreRejected()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => MatFileWriter.Write(dir.File("x.mat"), [V("1abc", MatNumericArray.Scalar(1))]));
    }

    internal static void AssertSame(MatValue expected, MatValue actual, string path)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.True(expected.Dimensions.SequenceEqual(actual.Dimensions), $"{path}: {expected.SizeText} vs {actual.SizeText}");
        Assert.Equal(expected.IsGlobal, actual.IsGlobal);
        switch (expected)
        {
            case MatNumericArray a:
                var b = (MatNumericArray)actual;
                Assert.Equal(a.NumericClass, b.NumericClass);
                Assert.Equal(a.IsLogical, b.IsLogical);
                Assert.Equal(a.Real.ToArray(), b.Real.ToArray());
                Assert.Equal(a.Imag.ToArray(), b.Imag.ToArray());
                break;
            case MatCharArray c:
                Assert.Equal(c.Characters, ((MatCharArray)actual).Characters);
                break;
            case MatCellArray cell:
                for (int i = 0; i < cell.ElementCount; i++)
                    AssertSame(cell[i], ((MatCellArray)actual)[i], $"{path}{{{i + 1}}}");
                break;
            case MatStructArray s:
                var t = (MatStructArray)actual;
                Assert.Equal(s.FieldNames, t.FieldNames);
                for (int e = 0; e < s.ElementCount; e++)
                {
                    foreach (var f in s.FieldNames)
                        AssertSame(s[e, f], t[e, f], $"{path}({e + 1}).{f}");
                }
                break;
        }
    }
}
