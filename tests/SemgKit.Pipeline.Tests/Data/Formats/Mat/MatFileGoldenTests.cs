using System.Text.Json;
using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Formats.Mat;

/// <summary>Reads files written by scipy.io.savemat and hand-packed files (tests/golden/mat/make_mat_fixtures.py).</summary>
public class MatFileGoldenTests
{
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("mat", "expected.json"))).RootElement;

    [Theory]
    [InlineData("values_v6.mat")]
    [InlineData("values_v7.mat")]
    public void ScipyFilesMatchExpectedValues(string file)
    {
        var mat = MatFile.Read(RepoPaths.GoldenFile("mat", file));
        var expected = Expected.GetProperty("values");
        var names = expected.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(names, mat.VariableNames);
        foreach (var p in expected.EnumerateObject())
            AssertMatches(p.Value, mat[p.Name], p.Name);
        Assert.False(mat.IsBigEndian);
    }

    [Theory]
    [InlineData("handmade_le.mat", false)]
    [InlineData("handmade_be.mat", true)]
    public void HandPackedFilesBothEndiannesses(string file, bool bigEndian)
    {
        var mat = MatFile.Read(RepoPaths.GoldenFile("mat", file));
        Assert.Equal(bigEndian, mat.IsBigEndian);
        foreach (var p in Expected.GetProperty("handmade").EnumerateObject())
            AssertMatches(p.Value, mat[p.Name], p.Name);
        Assert.True(mat["g"].IsGlobal);
        Assert.False(mat["asu8"].IsGlobal);
        Assert.StartsWith("MATLAB 5.0 MAT-file", mat.HeaderText);
    }

    [Fact]
    public void HelpersGiveElementsAndMatrices()
    {
        var mat = MatFile.Read(RepoPaths.GoldenFile("mat", "values_v7.mat"));
        var cube = (MatNumericArray)mat["cube"];   // numpy arange(24).reshape(2,3,4): value = 12i + 4j + k
        Assert.Equal(12 * 1 + 4 * 2 + 3, cube[cube.LinearIndex(1, 2, 3)]);
        var i16 = (MatNumericArray)mat["i16"];
        var m = i16.ToFloat2D();
        Assert.Equal(new float[,] { { -32768, -2 }, { 3, 32767 } }, m);
        Assert.Equal(3, i16[1, 0]);
        Assert.Equal(42.5, ((MatNumericArray)mat["scalar"]).ScalarValue);
        var st = (MatStructArray)mat["st"];
        Assert.Equal("text", ((MatCharArray)st["b"]).Text);
        Assert.Equal(5, ((MatNumericArray)((MatStructArray)st["c"])["inner"]).ScalarValue);
        var sarr = (MatStructArray)mat["sarr"];
        Assert.Equal("second", ((MatCharArray)sarr[1, "name"]).Text);
        Assert.Equal(["abc", "xyz"], ((MatCharArray)mat["charmat"]).RowStrings);
        Assert.Equal(MatClass.Cell, ((MatCellArray)mat["nested"])[1].ClassType);
    }

    internal static void AssertMatches(JsonElement e, MatValue v, string path)
    {
        var dims = e.GetProperty("dims").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        string kind = e.GetProperty("kind").GetString()!;
        if (kind == "char" && dims.Contains(0))
        {
            Assert.True(v is MatCharArray { IsEmpty: true }, $"{path}: expected an empty char array, got {v.ClassType} {v.SizeText}");
            return;
        }
        Assert.True(dims.SequenceEqual(v.Dimensions), $"{path}: size {string.Join("x", dims)} expected, got {v.SizeText}");
        switch (kind)
        {
            case "numeric":
            {
                var a = Assert.IsType<MatNumericArray>(v);
                Assert.Equal(Enum.Parse<MatClass>(e.GetProperty("class").GetString()!), a.NumericClass);
                Assert.Equal(e.GetProperty("logical").GetBoolean(), a.IsLogical);
                var real = e.GetProperty("real").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                Assert.Equal(real, a.Real.ToArray());
                if (e.TryGetProperty("imag", out var imag))
                    Assert.Equal(imag.EnumerateArray().Select(x => x.GetDouble()).ToArray(), a.Imag.ToArray());
                else
                    Assert.False(a.IsComplex, path);
                break;
            }
            case "char":
            {
                var c = Assert.IsType<MatCharArray>(v);
                Assert.Equal(e.GetProperty("rows").EnumerateArray().Select(x => x.GetString()!).ToArray(), c.RowStrings);
                break;
            }
            case "cell":
            {
                var c = Assert.IsType<MatCellArray>(v);
                var cells = e.GetProperty("cells").EnumerateArray().ToArray();
                Assert.Equal(cells.Length, c.ElementCount);
                for (int i = 0; i < cells.Length; i++)
                    AssertMatches(cells[i], c[i], $"{path}{{{i + 1}}}");
                break;
            }
            case "struct":
            {
                var s = Assert.IsType<MatStructArray>(v);
                Assert.Equal(e.GetProperty("fields").EnumerateArray().Select(x => x.GetString()!).ToArray(), s.FieldNames);
                var elements = e.GetProperty("elements").EnumerateArray().ToArray();
                for (int i = 0; i < elements.Length; i++)
                {
                    foreach (var f in elements[i].EnumerateObject())
                        AssertMatches(f.Value, s[i, f.Name], $"{path}({i + 1}).{f.Name}");
                }
                break;
            }
            default:
                Assert.Fail($"unknown kind {kind}");
                break;
        }
    }
}
