namespace SemgKit.Signal.Features;

/// <summary>Validation shared by the feature descriptors' constructors.</summary>
internal static class FeatureArguments
{
    public static double SampleRate(double sampleRateHz) => sampleRateHz > 0 && double.IsFinite(sampleRateHz)
        ? sampleRateHz
        : throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be finite and > 0 Hz.");

    public static float Threshold(float threshold, string code) => threshold >= 0 && float.IsFinite(threshold)
        ? threshold
        : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The {code} threshold must be finite and ≥ 0.");

    public static int InRange(int value, int min, int max, string what) => value >= min && value <= max
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"The {what} must be in {min}..{max}.");

    public static float Positive(float value, string what) => value > 0 && float.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"The {what} must be finite and > 0.");
}
