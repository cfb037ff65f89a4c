namespace SemgKit.Pipeline.Tests.Simulation;

/// <summary>
/// Naive spectral estimates for tests: a Hann-windowed DFT evaluated at single frequencies, averaged over
/// non-overlapping segments (Welch without overlap). Slow but obviously right.
/// </summary>
internal static class SpectrumProbe
{
    /// <summary>Average power of <paramref name="signal"/> at <paramref name="frequencyHz"/> over segments of <paramref name="segmentLength"/>.</summary>
    public static double Power(ReadOnlySpan<float> signal, double frequencyHz, double sampleRateHz, int segmentLength)
    {
        int segments = signal.Length / segmentLength;
        if (segments == 0)
            throw new ArgumentException("Signal shorter than one segment.");
        double total = 0;
        for (int s = 0; s < segments; s++)
        {
            var segment = signal.Slice(s * segmentLength, segmentLength);
            double mean = 0;
            foreach (float v in segment)
                mean += v;
            mean /= segmentLength;
            double re = 0, im = 0;
            for (int t = 0; t < segmentLength; t++)
            {
                double hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * t / segmentLength);
                double x = (segment[t] - mean) * hann;
                double angle = 2 * Math.PI * frequencyHz * t / sampleRateHz;
                re += x * Math.Cos(angle);
                im -= x * Math.Sin(angle);
            }
            total += re * re + im * im;
        }
        return total / segments;
    }
}
