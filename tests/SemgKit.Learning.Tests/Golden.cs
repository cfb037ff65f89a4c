using System.Text.Json;
using SemgKit.TestSupport;

namespace SemgKit.Learning.Tests;

/// <summary>Loads the scikit-learn fixtures written by tests/golden/learning/make_learning_fixtures.py.</summary>
internal static class Golden
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    public static JsonElement Root(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var doc))
            {
                doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("learning", file)));
                Cache[file] = doc;
            }
            return doc.RootElement;
        }
    }

    public static IEnumerable<JsonElement> Cases(string file) => Root(file).GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string file, string name) => Cases(file).Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> CaseNames(string file) => new(Cases(file).Select(c => c.GetProperty("name").GetString()!));

    public static double[] Doubles(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : v.GetDouble()).ToArray();

    public static float[] Floats(this JsonElement e, string property) => e.Doubles(property).Select(v => (float)v).ToArray();

    public static int[] Ints(this JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static int Int(this JsonElement e, string property) => e.GetProperty(property).GetInt32();

    public static double Double(this JsonElement e, string property) => e.GetProperty(property).GetDouble();

    /// <summary>|a − b| ≤ rel·max(|b|, floor).</summary>
    public static void Close(double expected, double actual, double rel, double floor, string what)
    {
        var tol = rel * Math.Max(Math.Abs(expected), floor);
        if (!(Math.Abs(expected - actual) <= tol) && !(double.IsNaN(expected) && double.IsNaN(actual)))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (tolerance {tol:G3}).");
    }
}
