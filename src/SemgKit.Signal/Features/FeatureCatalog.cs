using System.Globalization;

namespace SemgKit.Signal.Features;

/// <summary>
/// Resolves feature lists written by users: a group name (<c>Hudgins</c>, alias <c>HTD</c>) or comma-separated codes,
/// each optionally with a threshold after a colon (<c>MAV,WL,ZC:0.01,SSC:0.0001</c>; thresholds in the signal's units,
/// squared units for SSC).
/// </summary>
public static class FeatureCatalog
{
    /// <summary>Codes accepted in a list.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["MAV", "WL", "ZC", "SSC", "RMS", "VAR"];

    /// <summary>Group names accepted in place of a list.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["Hudgins"];

    /// <summary>Parses <paramref name="text"/>; unknown codes raise an <see cref="ArgumentException"/> listing what is known.</summary>
    public static FeatureSet Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("Hudgins", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("HTD", StringComparison.OrdinalIgnoreCase))
            return FeatureSet.Hudgins();
        var features = new List<IFeature>();
        foreach (var token in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = token.Split(':', 2);
            string code = parts[0].ToUpperInvariant();
            double threshold = 0;
            if (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
                throw new ArgumentException($"feature '{token}': threshold '{parts[1]}' is not a number");
            features.Add(code switch
            {
                "MAV" => new MeanAbsoluteValue(),
                "WL" => new WaveformLength(),
                "ZC" => new ZeroCrossings((float)threshold),
                "SSC" => new SlopeSignChanges((float)threshold),
                "RMS" => new RootMeanSquare(),
                "VAR" => new Variance(),
                _ => throw new ArgumentException($"unknown feature '{parts[0]}' (known: {string.Join(", ", Codes)}; groups: {string.Join(", ", Groups)})"),
            });
        }
        if (features.Count == 0)
            throw new ArgumentException("empty feature list");
        return new FeatureSet(features);
    }
}
