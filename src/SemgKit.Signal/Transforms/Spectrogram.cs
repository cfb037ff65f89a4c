namespace SemgKit.Signal.Transforms;

/// <summary>
/// Spectrogram matching <c>scipy.signal.spectrogram(x, fs, window, nperseg, noverlap, nfft=None, detrend,
/// return_onesided=True, scaling, mode='psd'|'magnitude')</c>: no boundary extension and no padding, so
/// T = (len − N) / step + 1 whole segments, segment t starting at t·step; each detrended, windowed, transformed.
/// PSD: |X|²·scale with scale = 1/(fs·Σw²) (density) or 1/(Σw)² (spectrum), bins other than DC (and Nyquist for
/// even N) doubled. Magnitude: |X|·√scale, not doubled. Optionally in dB: 10·log10(p + ε) — for magnitude too
/// (apply it to power if you want the usual 20·log10 of magnitude). Output is float (F, T) row-major per channel,
/// and (C, F, T) for a channel-major block — the layout a Conv2d takes as one sample (C planes of H = F by W = T).
/// A plan: buffers allocated once; the Apply methods allocate nothing; not thread-safe.
/// </summary>
public sealed class Spectrogram
{
    private readonly SegmentAnalyzer _analyzer;
    private readonly int _step;
    private readonly double _scale;

    /// <summary>A plan for <paramref name="options"/> at <paramref name="sampleRateHz"/>.</summary>
    public Spectrogram(SpectrogramOptions options, double sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be a positive finite number of Hz.");
        if (!(options.DecibelEpsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.DecibelEpsilon, "DecibelEpsilon must be positive.");
        Options = options;
        SampleRateHz = sampleRateHz;
        var overlap = options.OverlapSamples ?? options.WindowSamples / 2;
        SegmentAnalyzer.CheckSegments(options.WindowSamples, overlap);
        _step = options.WindowSamples - overlap;
        _analyzer = new SegmentAnalyzer(options.Window, options.WindowSamples);
        var power = _analyzer.PowerScale(options.Scaling, sampleRateHz);
        _scale = options.Mode == SpectrogramMode.Psd ? power : Math.Sqrt(power);
    }

    /// <summary>The options.</summary>
    public SpectrogramOptions Options { get; }

    /// <summary>fs in Hz.</summary>
    public double SampleRateHz { get; }

    /// <summary>F = N/2 + 1.</summary>
    public int BinCount => _analyzer.BinCount;

    /// <summary>The hop between segments, N − overlap samples.</summary>
    public int StepSamples => _step;

    /// <summary>T = (signalSamples − N) / step + 1.</summary>
    /// <exception cref="ArgumentException">The signal is shorter than one segment.</exception>
    public int FrameCount(int signalSamples)
    {
        if (signalSamples < Options.WindowSamples)
            throw new ArgumentException($"A signal of {signalSamples} samples is shorter than one {Options.WindowSamples}-sample segment.", nameof(signalSamples));
        return (signalSamples - Options.WindowSamples) / _step + 1;
    }

    /// <summary>The number of values <see cref="ApplyMultiChannel"/> writes: C·F·T.</summary>
    public int ValuesPerBlock(int channelCount, int samplesPerChannel) => checked(channelCount * BinCount * FrameCount(samplesPerChannel));

    /// <summary>The bin frequencies k·fs/N (scipy's <c>f</c>).</summary>
    public double[] FrequenciesHz() => Welch.FrequenciesHz(Options.WindowSamples, SampleRateHz);

    /// <summary>The segment centres (N/2 + t·step)/fs (scipy's <c>t</c>).</summary>
    public double[] TimesSeconds(int signalSamples)
    {
        var t = new double[FrameCount(signalSamples)];
        for (var i = 0; i < t.Length; i++)
            t[i] = (Options.WindowSamples / 2.0 + i * _step) / SampleRateHz;
        return t;
    }

    /// <summary>Writes the (F, T) spectrogram of one channel: bin f of segment t at f·T + t.</summary>
    /// <exception cref="ArgumentException">The signal is shorter than a segment or the destination shorter than F·T.</exception>
    public void Apply(ReadOnlySpan<float> signal, Span<float> destination)
    {
        var frames = FrameCount(signal.Length);
        var bins = BinCount;
        if (destination.Length < bins * frames)
            throw new ArgumentException($"The destination has {destination.Length} values; {bins} bins × {frames} segments need {bins * frames}.", nameof(destination));
        var psd = Options.Mode == SpectrogramMode.Psd;
        for (var t = 0; t < frames; t++)
        {
            _analyzer.Transform(signal, t * _step, Options.Detrend);
            for (var f = 0; f < bins; f++)
            {
                var z = _analyzer.Bins[f];
                var power = z.Real * z.Real + z.Imaginary * z.Imaginary;
                var v = psd ? power * (_analyzer.Doubled(f) ? 2 * _scale : _scale) : Math.Sqrt(power) * _scale;
                destination[f * frames + t] = (float)(Options.Decibels ? 10 * Math.Log10(v + Options.DecibelEpsilon) : v);
            }
        }
    }

    /// <summary>
    /// Writes the (C, F, T) spectrogram of a channel-major block (C channels of T' = block.Length / C samples):
    /// channel c's (F, T) plane at c·F·T.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not C equal channels or the destination is too short.</exception>
    public void ApplyMultiChannel(ReadOnlySpan<float> channelMajor, int channelCount, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (channelMajor.Length % channelCount != 0)
            throw new ArgumentException($"A block of {channelMajor.Length} values is not {channelCount} equal channels.", nameof(channelMajor));
        var samples = channelMajor.Length / channelCount;
        var plane = BinCount * FrameCount(samples);
        if (destination.Length < plane * channelCount)
            throw new ArgumentException($"The destination has {destination.Length} values; {channelCount} × {plane} are needed.", nameof(destination));
        for (var c = 0; c < channelCount; c++)
            Apply(channelMajor.Slice(c * samples, samples), destination.Slice(c * plane, plane));
    }

    /// <summary>In place, p → 10·log10(p + <paramref name="epsilon"/>) (power to dB with a floor of 10·log10 ε).</summary>
    public static void ToDecibels(Span<float> values, double epsilon = 1e-10)
    {
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive.");
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(10 * Math.Log10(values[i] + epsilon));
    }
}
