using System.Text.Json;
using SemgKit.Signal.Filters;
using SemgKit.TestSupport;

namespace SemgKit.Signal.Tests.Filters;

/// <summary>Reads tests/golden/signal/*.json (written by make_signal_fixtures.py from scipy).</summary>
internal static class GoldenFixtures
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("signal", file))).RootElement;

    public static double[] Row(JsonElement row) => [.. row.EnumerateArray().Select(v => v.GetDouble())];

    public static double[][] Matrix(JsonElement m) => [.. m.EnumerateArray().Select(Row)];

    public static Sos Sos(JsonElement m) => Signal.Filters.Sos.FromCoefficients(Matrix(m).SelectMany(r => r).ToArray());

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, double absoluteFloor, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = 0.0;
        foreach (var e in expected)
            scale = Math.Max(scale, Math.Abs(e));
        for (var i = 0; i < expected.Length; i++)
        {
            var tol = relative * Math.Max(Math.Abs(expected[i]), absoluteFloor * scale);
            if (!(Math.Abs(expected[i] - actual[i]) <= tol))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|diff| {Math.Abs(expected[i] - actual[i]):E2} > {tol:E2}).");
        }
    }
}
