namespace SemgKit.Signal.Envelopes;

/// <summary>
/// Normalisation to maximum voluntary contraction: each channel is divided by its MVC amplitude, the largest
/// <see cref="MovingRms"/> value over an MVC recording counting only whole windows (samples W−1 onwards; a
/// recording shorter than W uses the RMS of all of it). Immutable.
/// </summary>
public sealed class MvcNormalization
{
    private readonly double[] _amplitudes;

    /// <summary>A normaliser with known MVC amplitudes (signal units, one per channel, positive).</summary>
    public MvcNormalization(IReadOnlyList<double> amplitudes)
    {
        ArgumentNullException.ThrowIfNull(amplitudes);
        if (amplitudes.Count == 0 || amplitudes.Any(a => !(a > 0) || !double.IsFinite(a)))
            throw new ArgumentException("Every MVC amplitude must be positive and finite (a silent channel in the MVC recording cannot normalise).", nameof(amplitudes));
        _amplitudes = [.. amplitudes];
    }

    /// <summary>C.</summary>
    public int ChannelCount => _amplitudes.Length;

    /// <summary>The MVC amplitude per channel.</summary>
    public IReadOnlyList<double> Amplitudes => _amplitudes;

    /// <summary>Measures the MVC amplitudes on a channel-major MVC recording with a moving RMS of <paramref name="rmsWindowSamples"/>.</summary>
    /// <exception cref="ArgumentException">The block is not C equal channels, or a channel is all zero.</exception>
    public static MvcNormalization Fit(ReadOnlySpan<float> mvcChannelMajor, int channelCount, int rmsWindowSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rmsWindowSamples, 1);
        if (mvcChannelMajor.IsEmpty || mvcChannelMajor.Length % channelCount != 0)
            throw new ArgumentException($"A block of {mvcChannelMajor.Length} values is not {channelCount} equal non-empty channels.", nameof(mvcChannelMajor));
        var t = mvcChannelMajor.Length / channelCount;
        var amplitudes = new double[channelCount];
        var rms = new float[t];
        for (var c = 0; c < channelCount; c++)
        {
            var x = mvcChannelMajor.Slice(c * t, t);
            if (t < rmsWindowSamples)
            {
                amplitudes[c] = Features.TimeDomain.RootMeanSquare(x);
                continue;
            }
            MovingRms.Apply(x, rmsWindowSamples, rms);
            var max = 0f;
            for (var i = rmsWindowSamples - 1; i < t; i++)
                max = Math.Max(max, rms[i]);
            amplitudes[c] = max;
        }
        return new MvcNormalization(amplitudes);
    }

    /// <summary>Divides each channel of a channel-major block by its MVC amplitude (output may be the same memory).</summary>
    public void Apply(ReadOnlySpan<float> channelMajor, Span<float> output)
    {
        if (channelMajor.IsEmpty || channelMajor.Length % ChannelCount != 0)
            throw new ArgumentException($"A block of {channelMajor.Length} values is not {ChannelCount} equal non-empty channels.", nameof(channelMajor));
        if (output.Length < channelMajor.Length)
            throw new ArgumentException($"The output ({output.Length} values) is shorter than the input ({channelMajor.Length}).", nameof(output));
        var t = channelMajor.Length / ChannelCount;
        for (var c = 0; c < ChannelCount; c++)
        {
            var inv = 1.0 / _amplitudes[c];
            for (var i = c * t; i < (c + 1) * t; i++)
                output[i] = (float)(channelMajor[i] * inv);
        }
    }
}
