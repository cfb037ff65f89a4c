using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;
using SemgKit.TestSupport;

namespace SemgKit.Signal.Tests.Features;

/// <summary>
/// Features LibEMG's MATLAB files do not cover, against independent numpy implementations
/// (tests/golden/features/make_feature_fixtures.py: definitions and references in its docstring). Synthetic integer
/// 8-channel signal, 200-sample windows, step 25, fs = 1000 Hz. Relative tolerance 1e-4 (float kernels vs float64 numpy);
/// CARD and PKF exactly.
/// </summary>
public class NumpyFeatureFixtureTests
{
    public static TheoryData<string> Codes() =>
        ["ISD", "COR", "MDIFF", "MLK", "ACT", "MOB", "COMP", "DFTR", "PKF", "CARD", "HFD", "KFD", "ICC", "FUZZYEN", "SAMPEN"];

    [Theory]
    [MemberData(nameof(Codes))]
    public void MatchesNumpyReference(string code)
    {
        var (block, c, t) = FeatureTestData.ReadFrameMajor(RepoPaths.GoldenFile("features", "input.csv"));
        var set = FeatureCatalog.Parse(code, 1000);
        var windows = SlidingWindows.Count(t, 200, 25);
        var width = set.ValuesPerWindow(c);
        var matrix = new float[windows * width];
        set.ExtractWindows(block, c, 200, 25, matrix);
        var expected = FeatureTestData.ReadRows(RepoPaths.GoldenFile("features", $"numpy_{code}.csv"));
        Assert.Equal(windows, expected.Length);
        Assert.Equal(width, expected[0].Length);
        var exact = code is "CARD" or "PKF";
        for (var k = 0; k < windows; k++)
        {
            for (var j = 0; j < width; j++)
            {
                double ours = matrix[k * width + j], exp = expected[k][j];
                var tol = exact ? 0 : 1e-4 * Math.Abs(exp) + 1e-7;
                Assert.True(Math.Abs(ours - exp) <= tol, $"{code} window {k} column {set.ColumnNames(c)[j]}: numpy {exp}, ours {ours}");
            }
        }
    }
}
