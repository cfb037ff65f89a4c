using System.Text.Json;
using SemgKit.TestSupport;

namespace SemgKit.Signal.Tests.Transforms;

/// <summary>Reads tests/golden/transforms/*.json (written by make_transform_fixtures.py from numpy, scipy and pywt).</summary>
internal static class TransformFixtures
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("transforms", file))).RootElement;

    public static double[] Row(JsonElement row) => [.. row.EnumerateArray().Select(v => v.GetDouble())];

    public static float[] FloatRow(JsonElement row) => [.. row.EnumerateArray().Select(v => (float)v.GetDouble())];

    public static double[] ToDouble(ReadOnlySpan<float> x)
    {
        var r = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
            r[i] = x[i];
        return r;
    }

    public static float[] RandomSignal(Random rng, int n)
    {
        var x = new float[n];
        for (var i = 0; i < n; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Random chunk boundaries covering [0, n), including empty chunks.</summary>
    public static IEnumerable<(int Start, int Length)> Chunks(Random rng, int n)
    {
        var start = 0;
        while (start < n)
        {
            var len = Math.Min(n - start, rng.Next(0, 70));
            yield return (start, len);
            start += len;
        }
    }
}
