using System.Numerics;

namespace SemgKit.Signal.Transforms;

/// <summary>
/// Short-time Fourier transform matching <c>scipy.signal.stft(x, fs, window, nperseg, noverlap, nfft=None,
/// detrend=False, return_onesided=True, boundary='zeros'|None, padded, scaling)</c>: the signal is extended by
/// N/2 zeros on each side (boundary), then zero-padded so the last segment is whole (padded); segment t starts at
/// t·(N − overlap) of the extended signal; each segment is windowed and transformed; X is multiplied by 1/Σw
/// (spectrum) or 1/√(fs·Σw²) (density). Output is complex (F, T), row-major, F = N/2 + 1 bins.
/// A plan: buffers are allocated once and <see cref="Forward"/> allocates nothing; not thread-safe.
/// </summary>
public sealed class Stft
{
    private readonly SegmentAnalyzer _analyzer;
    private readonly int _step;
    private readonly double _scale;

    /// <summary>A plan for <paramref name="options"/> at <paramref name="sampleRateHz"/>.</summary>
    public Stft(StftOptions options, double sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be a positive finite number of Hz.");
        Options = options;
        SampleRateHz = sampleRateHz;
        var overlap = options.OverlapSamples ?? options.WindowSamples / 2;
        SegmentAnalyzer.CheckSegments(options.WindowSamples, overlap);
        _step = options.WindowSamples - overlap;
        _analyzer = new SegmentAnalyzer(options.Window, options.WindowSamples);
        _scale = Math.Sqrt(_analyzer.PowerScale(options.Scaling, sampleRateHz));
    }

    /// <summary>The options.</summary>
    public StftOptions Options { get; }

    /// <summary>fs in Hz.</summary>
    public double SampleRateHz { get; }

    /// <summary>F = N/2 + 1.</summary>
    public int BinCount => _analyzer.BinCount;

    /// <summary>The hop between segments, N − overlap samples.</summary>
    public int StepSamples => _step;

    /// <summary>T, the number of segments for a signal of <paramref name="signalSamples"/> samples (as scipy counts them).</summary>
    /// <exception cref="ArgumentException">The signal is shorter than one segment (scipy would shrink the segment instead).</exception>
    public int FrameCount(int signalSamples)
    {
        var n = Options.WindowSamples;
        var length = signalSamples + (Options.ZeroBoundary ? 2 * (n / 2) : 0);
        if (signalSamples < n)
            throw new ArgumentException($"A signal of {signalSamples} samples is shorter than one {n}-sample segment.", nameof(signalSamples));
        if (Options.Padded)
            length += ((-(length - n) % _step) + _step) % _step % n;
        return (length - n) / _step + 1;
    }

    /// <summary>The bin frequencies k·fs/N (scipy's <c>f</c>).</summary>
    public double[] FrequenciesHz() => Welch.FrequenciesHz(Options.WindowSamples, SampleRateHz);

    /// <summary>The segment times (scipy's <c>t</c>): t·step/fs with a zero boundary, (N/2 + t·step)/fs without.</summary>
    public double[] TimesSeconds(int signalSamples)
    {
        var t = new double[FrameCount(signalSamples)];
        var offset = Options.ZeroBoundary ? 0 : Options.WindowSamples / 2.0;
        for (var i = 0; i < t.Length; i++)
            t[i] = (offset + i * _step) / SampleRateHz;
        return t;
    }

    /// <summary>Writes the STFT of <paramref name="signal"/> as (F, T) row-major into <paramref name="destination"/>: bin f of segment t at f·T + t.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than F·T.</exception>
    public void Forward(ReadOnlySpan<float> signal, Span<Complex> destination)
    {
        var frames = FrameCount(signal.Length);
        var bins = BinCount;
        if (destination.Length < bins * frames)
            throw new ArgumentException($"The destination has {destination.Length} values; {bins} bins × {frames} segments need {bins * frames}.", nameof(destination));
        var shift = Options.ZeroBoundary ? Options.WindowSamples / 2 : 0;
        for (var t = 0; t < frames; t++)
        {
            _analyzer.Transform(signal, t * _step - shift, Detrend.None);
            for (var f = 0; f < bins; f++)
                destination[f * frames + t] = _analyzer.Bins[f] * _scale;
        }
    }
}
