namespace SemgKit.Signal.Features;

/// <summary>
/// The one-sided power spectrum used by LibEMG's spectral features: the window of N samples is zero-padded to
/// L = nextpow2(N), X = FFT_L(x)/N, and P_k = |X_k|² for k = 0..L/2−1 (the Nyquist bin is not included), at
/// frequency f_k = k·fs/L. Reusable: <see cref="Compute"/> overwrites the previous result without allocating when the
/// window length does not change.
/// </summary>
public sealed class PowerSpectrum
{
    private Radix2Fft? _fft;
    private double[] _re = [];
    private double[] _im = [];
    private double[] _power = [];

    /// <summary>N, the window length of the last <see cref="Compute"/> (0 before the first).</summary>
    public int WindowLength { get; private set; }

    /// <summary>L, the zero-padded FFT length (the next power of two ≥ N).</summary>
    public int FftLength { get; private set; }

    /// <summary>P_k = |X_k/N|², k = 0..L/2−1 (L/2 values; 1 value when N = 1).</summary>
    public ReadOnlySpan<double> Power => _power;

    /// <summary>The frequency of bin <paramref name="k"/>, k·fs/L, in Hz.</summary>
    public double BinHz(int k, double sampleRateHz) => k * sampleRateHz / FftLength;

    /// <summary>The next power of two ≥ <paramref name="n"/> (1 for n ≤ 1).</summary>
    public static int NextPowerOfTwo(int n) => n <= 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n);

    /// <summary>Computes the spectrum of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public void Compute(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The window is empty.", nameof(x));
        var l = NextPowerOfTwo(x.Length);
        if (_fft is null || _fft.Length != l)
        {
            _fft = new Radix2Fft(l);
            _re = new double[l];
            _im = new double[l];
        }
        Load(x.Length, l);
        for (var i = 0; i < x.Length; i++)
            _re[i] = x[i];
        Array.Clear(_re, x.Length, l - x.Length);
        Array.Clear(_im);
        _fft.Forward(_re, _im);
        var scale = 1.0 / ((double)x.Length * x.Length);
        for (var k = 0; k < _power.Length; k++)
            _power[k] = (_re[k] * _re[k] + _im[k] * _im[k]) * scale;
    }

    /// <summary>Makes this the spectrum of a window of <paramref name="windowLength"/> samples padded to <paramref name="fftLength"/> and returns its bins to fill (<see cref="MultiChannelPowerSpectrum.CopyChannel"/>).</summary>
    internal Span<double> Load(int windowLength, int fftLength)
    {
        var bins = Math.Max(1, fftLength / 2);
        if (_power.Length != bins)
            _power = new double[bins];
        WindowLength = windowLength;
        FftLength = fftLength;
        return _power;
    }
}
