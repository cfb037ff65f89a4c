namespace SemgKit.Signal.Envelopes;

/// <summary>
/// Per-channel standardisation z = (x − μ_c)/σ_c with μ and σ fitted on training data only (population σ, divisor T,
/// like sklearn's StandardScaler; a channel with σ = 0 gets σ = 1). Immutable.
/// </summary>
public sealed class ZScore
{
    private readonly double[] _means;
    private readonly double[] _sds;

    /// <summary>A standardiser with known statistics (e.g. loaded from a model bundle).</summary>
    /// <exception cref="ArgumentException">Lengths differ, are empty, or a σ is not positive and finite.</exception>
    public ZScore(IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (means.Count == 0 || means.Count != standardDeviations.Count)
            throw new ArgumentException($"Expected one mean and one standard deviation per channel; got {means.Count} and {standardDeviations.Count}.", nameof(standardDeviations));
        if (standardDeviations.Any(s => !(s > 0) || !double.IsFinite(s)))
            throw new ArgumentException("Every standard deviation must be positive and finite.", nameof(standardDeviations));
        _means = [.. means];
        _sds = [.. standardDeviations];
    }

    /// <summary>C.</summary>
    public int ChannelCount => _means.Length;

    /// <summary>μ per channel.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>σ per channel.</summary>
    public IReadOnlyList<double> StandardDeviations => _sds;

    /// <summary>Fits μ and σ per channel on a channel-major block of <paramref name="channelCount"/> channels (two-pass, in double).</summary>
    /// <exception cref="ArgumentException">The block is empty or not C equal channels.</exception>
    public static ZScore Fit(ReadOnlySpan<float> channelMajor, int channelCount)
    {
        var t = Samples(channelMajor, channelCount);
        var means = new double[channelCount];
        var sds = new double[channelCount];
        for (var c = 0; c < channelCount; c++)
        {
            var x = channelMajor.Slice(c * t, t);
            var mean = 0.0;
            foreach (var v in x)
                mean += v;
            mean /= t;
            var ss = 0.0;
            foreach (var v in x)
                ss += (v - mean) * (v - mean);
            var sd = Math.Sqrt(ss / t);
            means[c] = mean;
            sds[c] = sd > 0 ? sd : 1.0;
        }
        return new ZScore(means, sds);
    }

    /// <summary>Standardises a channel-major block of <see cref="ChannelCount"/> channels into <paramref name="output"/> (may be the same memory).</summary>
    public void Apply(ReadOnlySpan<float> channelMajor, Span<float> output)
    {
        var t = Samples(channelMajor, ChannelCount);
        if (output.Length < channelMajor.Length)
            throw new ArgumentException($"The output ({output.Length} values) is shorter than the input ({channelMajor.Length}).", nameof(output));
        for (var c = 0; c < ChannelCount; c++)
        {
            var mean = _means[c];
            var inv = 1.0 / _sds[c];
            for (var i = c * t; i < (c + 1) * t; i++)
                output[i] = (float)((channelMajor[i] - mean) * inv);
        }
    }

    private static int Samples(ReadOnlySpan<float> channelMajor, int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (channelMajor.IsEmpty || channelMajor.Length % channelCount != 0)
            throw new ArgumentException($"A block of {channelMajor.Length} values is not {channelCount} equal non-empty channels.", nameof(channelMajor));
        return channelMajor.Length / channelCount;
    }
}
