using SemgKit.Signal.Features;

namespace SemgKit.Pipeline.Control;

/// <summary>The amplitude used for proportional velocity: the sum over channels of each channel's mean absolute value (LibEMG's velocity metric), on the filtered window.</summary>
public static class WindowAmplitude
{
    /// <param name="channelMajor">The window, channel-major (<c>[c * length + t]</c>).</param>
    public static float SumOfMeanAbsoluteValues(ReadOnlySpan<float> channelMajor, int channels)
    {
        int length = channelMajor.Length / channels;
        float sum = 0;
        for (int c = 0; c < channels; c++)
            sum += TimeDomain.MeanAbsoluteValue(channelMajor.Slice(c * length, length));
        return sum;
    }
}
