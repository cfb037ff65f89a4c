using System.Numerics;

namespace SemgKit.Signal.Transforms;

/// <summary>
/// Shared segment machinery of <see cref="Welch"/>, <see cref="Stft"/> and <see cref="Spectrogram"/> (scipy's
/// <c>_spectral_helper</c>): take N samples from a start that may lie outside the signal (zeros there), detrend,
/// multiply by the window, one-sided FFT. Buffers allocated once; not thread-safe.
/// </summary>
internal sealed class SegmentAnalyzer
{
    private readonly double[] _window;
    private readonly double[] _segment;
    private readonly RealFft _fft;

    public SegmentAnalyzer(SpectralWindow window, int segmentSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSamples, 1);
        _window = WindowFunctions.Create(window, segmentSamples);
        _segment = new double[segmentSamples];
        _fft = new RealFft(segmentSamples);
        Bins = new Complex[_fft.BinCount];
        double sum = 0, sumSquares = 0;
        foreach (var w in _window)
        {
            sum += w;
            sumSquares += w * w;
        }
        WindowSum = sum;
        WindowSumOfSquares = sumSquares;
    }

    public int SegmentSamples => _segment.Length;

    public int BinCount => Bins.Length;

    public Complex[] Bins { get; }

    public double WindowSum { get; }

    public double WindowSumOfSquares { get; }

    /// <summary>scipy's power scale for <paramref name="scaling"/> (before the square root taken for STFT/magnitude).</summary>
    public double PowerScale(SpectralScaling scaling, double sampleRateHz) => scaling == SpectralScaling.Density
        ? 1.0 / (sampleRateHz * WindowSumOfSquares)
        : 1.0 / (WindowSum * WindowSum);

    /// <summary>Transforms x[start .. start+N) (zeros outside x) into <see cref="Bins"/>.</summary>
    public void Transform(ReadOnlySpan<float> x, int start, Detrend detrend)
    {
        var s = _segment.AsSpan();
        for (var i = 0; i < s.Length; i++)
        {
            var idx = start + i;
            s[i] = (uint)idx < (uint)x.Length ? x[idx] : 0.0;
        }
        if (detrend == Detrend.Constant)
        {
            var mean = 0.0;
            foreach (var v in s)
                mean += v;
            mean /= s.Length;
            for (var i = 0; i < s.Length; i++)
                s[i] -= mean;
        }
        for (var i = 0; i < s.Length; i++)
            s[i] *= _window[i];
        _fft.Forward(s, Bins);
    }

    /// <summary>Whether bin k is doubled in a one-sided power spectrum (all but DC, and Nyquist for even N).</summary>
    public bool Doubled(int k) => k > 0 && !(SegmentSamples % 2 == 0 && k == BinCount - 1);

    public static void CheckSegments(int segmentSamples, int overlapSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSamples, 1);
        if (overlapSamples < 0 || overlapSamples >= segmentSamples)
            throw new ArgumentOutOfRangeException(nameof(overlapSamples), overlapSamples, $"The overlap must be in 0..{segmentSamples - 1} samples for {segmentSamples}-sample segments; got {overlapSamples}.");
    }
}
