using System.Globalization;

namespace SemgKit.Signal.Tests.Features;

/// <summary>CSV helpers for the golden feature tests, and random test signals.</summary>
internal static class FeatureTestData
{
    /// <summary>
    /// n random samples: uniform in [−1, 1), or with <paramref name="integerRange"/> = R whole numbers in [−R, R] (ties and
    /// exact zeros, for counts and thresholds).
    /// </summary>
    public static float[] RandomSignal(Random rng, int n, int? integerRange = null)
    {
        var x = new float[n];
        for (var i = 0; i < n; i++)
            x[i] = integerRange is { } r ? rng.Next(-r, r + 1) : (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    public static double[][] ReadRows(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];

    /// <summary>A frame-major CSV (one row per sample) as a channel-major block; returns (block, C, T).</summary>
    public static (float[] Block, int Channels, int Samples) ReadFrameMajor(string path)
    {
        var frames = ReadRows(path);
        int c = frames[0].Length, t = frames.Length;
        var block = new float[c * t];
        for (var i = 0; i < t; i++)
            for (var ch = 0; ch < c; ch++)
                block[ch * t + i] = (float)frames[i][ch];
        return (block, c, t);
    }
}
