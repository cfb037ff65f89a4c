using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Tests.Data;

public class NumericTextReaderTests
{
    [Theory]
    [InlineData("1,2,3\n4,5,6\n", ',')]
    [InlineData("1\t2\t3\r\n4\t5\t6", '\t')]
    [InlineData("1;2;3\n4;5;6\n", ';')]
    [InlineData("  1  2 3\n4\t 5 6  \n", ' ')]
    public void DetectsDelimiters(string text, char delimiter)
    {
        var t = NumericTextReader.Parse(text, "x.txt");
        Assert.Equal(delimiter, t.Delimiter);
        Assert.Equal((2, 3), (t.RowCount, t.ColumnCount));
        Assert.Equal([1f, 2, 3, 4, 5, 6], t.Values);
        Assert.Null(t.Header);
    }

    [Fact]
    public void DetectsAndReadsAHeader()
    {
        var t = NumericTextReader.Parse("time,\"emg 1\",emg2\n0,1.5e-3,-2\n\n1,2,3\n", "x.csv");
        Assert.Equal(["time", "emg 1", "emg2"], t.Header);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(0.0015f, t.Values[1]);
    }

    [Fact]
    public void SkipsPreambleLines()
    {
        var t = NumericTextReader.Parse("my device v1\nrate 1000\n1 2\n3 4\n", "x.txt", new NumericTextOptions { SkipLines = 2, HasHeader = false });
        Assert.Equal([1f, 2, 3, 4], t.Values);
    }

    [Theory]
    [InlineData("1,2\n3,x\n", "row 2, column 2", "not a number")]
    [InlineData("1,2\n3,NaN\n", "row 2, column 2", "non-finite")]
    [InlineData("1,2\n3,-Infinity\n", "row 2, column 2", "non-finite")]
    [InlineData("1,2\n3,\n", "row 2, column 2", "empty")]
    [InlineData("1,2\n3\n", "row 2", "1 columns, expected 2")]
    [InlineData("1,2\n3,4,5\n", "row 2", "more than 2")]
    [InlineData("1,2\n\n3,1,5\n", "row 3", "more than 2")]
    public void ErrorsNameRowAndColumn(string text, string position, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => NumericTextReader.Parse(text, "bad.csv"));
        Assert.Equal("bad.csv", e.File);
        Assert.Equal(position, e.Position);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void DecimalCommaIsNotAcceptedInAnyCulture()
    {
        // Invariant culture always: "1,5" is two fields, never one and a half.
        var t = NumericTextReader.Parse("1,5\n2,5\n", "x.csv");
        Assert.Equal(2, t.ColumnCount);
    }

    [Fact]
    public void RoundTripsAnyFiniteFloats()
    {
        Prop.ForAll<NormalFloat[]>(values =>
        {
            var floats = values.Select(v => (float)v.Get).Where(float.IsFinite).ToArray();
            if (floats.Length == 0)
                return true;
            var text = string.Join("\n", floats.Select(f => $"{f.ToString("R", CultureInfo.InvariantCulture)};{(-f).ToString("R", CultureInfo.InvariantCulture)}"));
            var t = NumericTextReader.Parse(text, "p.csv");
            return t.RowCount == floats.Length
                && Enumerable.Range(0, floats.Length).All(i => t.Values[2 * i] == floats[i] && t.Values[2 * i + 1] == -floats[i]);
        }).QuickCheckThrowOnFailure();
    }
}
