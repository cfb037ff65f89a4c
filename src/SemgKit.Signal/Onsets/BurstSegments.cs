namespace SemgKit.Signal.Onsets;

/// <summary>
/// Fixed-length segments cut at each burst onset (e.g. 500 ms): segment s covers samples
/// [onset, onset + LengthSamples) of every channel, whatever the burst's own offset. Bursts whose segment would run
/// past the end of the recording are dropped (never zero-padded), so the kept count can be less than the burst count.
/// </summary>
public static class BurstSegments
{
    /// <summary>The bursts whose segment fits in <paramref name="totalSamples"/>.</summary>
    public static int Count(IReadOnlyList<Burst> bursts, int lengthSamples, int totalSamples)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        var n = 0;
        foreach (var b in bursts)
        {
            if (b.OnsetSample >= 0 && (long)b.OnsetSample + lengthSamples <= totalSamples)
                n++;
        }
        return n;
    }

    /// <summary>
    /// Writes the kept segments of a channel-major block (C channels of T samples) to <paramref name="destination"/>
    /// as (S, C, L) — segment s, channel c at (s·C + c)·L — and returns S. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not C equal channels or the destination is shorter than S·C·L.</exception>
    public static int Extract(ReadOnlySpan<float> channelMajor, int channelCount, IReadOnlyList<Burst> bursts, int lengthSamples, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (channelMajor.Length % channelCount != 0)
            throw new ArgumentException($"A block of {channelMajor.Length} values is not {channelCount} equal channels.", nameof(channelMajor));
        var t = channelMajor.Length / channelCount;
        var count = Count(bursts, lengthSamples, t);
        if (destination.Length < count * channelCount * lengthSamples)
            throw new ArgumentException($"The destination has {destination.Length} values; {count} segments × {channelCount} channels × {lengthSamples} need {count * channelCount * lengthSamples}.", nameof(destination));
        var s = 0;
        foreach (var b in bursts)
        {
            if (b.OnsetSample < 0 || (long)b.OnsetSample + lengthSamples > t)
                continue;
            for (var c = 0; c < channelCount; c++)
                channelMajor.Slice(c * t + b.OnsetSample, lengthSamples).CopyTo(destination.Slice((s * channelCount + c) * lengthSamples, lengthSamples));
            s++;
        }
        return s;
    }
}
