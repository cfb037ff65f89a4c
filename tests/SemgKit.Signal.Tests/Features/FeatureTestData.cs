using System.Globalization;

namespace SemgKit.Signal.Tests.Features;

/// <summary>CSV helpers for the golden feature tests.</summary>
internal static class FeatureTestData
{
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
