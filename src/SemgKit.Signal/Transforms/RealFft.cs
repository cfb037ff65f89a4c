using System.Numerics;

namespace SemgKit.Signal.Transforms;

/// <summary>
/// A plan for the one-sided DFT of real signals of one length N, like <c>numpy.fft.rfft(x)</c>:
/// X[k] = Σₙ x[n]·e^{−2πikn/N} for k = 0..N/2 (<see cref="BinCount"/> = N/2 + 1 bins), unnormalised, in double.
/// Any N is accepted; even N uses a half-length complex transform (radix-2 when N/2 is a power of two, Bluestein
/// otherwise), odd N a full-length Bluestein transform. Buffers are allocated in the constructor and
/// <c>Forward</c> allocates nothing; a plan is not thread-safe (use one per thread).
/// </summary>
public sealed class RealFft
{
    private readonly ComplexFft _fft;
    private readonly Complex[] _buffer;
    private readonly Complex[] _post = []; // e^{−2πik/N}, k ≤ N/2 (even N)
    private readonly Complex[] _bins;

    /// <summary>A plan for signals of <paramref name="length"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">length &lt; 1.</exception>
    public RealFft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        if (length % 2 == 0)
        {
            var half = length / 2;
            _fft = new ComplexFft(half);
            _buffer = new Complex[half];
            _post = new Complex[half + 1];
            for (var k = 0; k <= half; k++)
                _post[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
        }
        else
        {
            _fft = new ComplexFft(length);
            _buffer = new Complex[length];
        }
        _bins = new Complex[length / 2 + 1];
    }

    /// <summary>N, the input length in samples.</summary>
    public int Length { get; }

    /// <summary>N/2 + 1, the number of one-sided bins (DC to Nyquist, or just below it for odd N).</summary>
    public int BinCount => Length / 2 + 1;

    /// <summary>The centre frequency of each bin, k·fs/N Hz, like <c>numpy.fft.rfftfreq(N, 1/fs)</c>.</summary>
    public double BinFrequencyHz(int bin, double sampleRateHz) => bin * sampleRateHz / Length;

    /// <summary>Writes the <see cref="BinCount"/> one-sided bins of <paramref name="input"/> (length N) to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">input is not N samples or output is shorter than <see cref="BinCount"/>.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<Complex> output) => ForwardAny(input, output);

    /// <summary>As <see cref="Forward(ReadOnlySpan{float}, Span{Complex})"/> for double input.</summary>
    public void Forward(ReadOnlySpan<double> input, Span<Complex> output) => ForwardAny(input, output);

    /// <summary>One body for float and double input (the JIT specialises it per type).</summary>
    private void ForwardAny<T>(ReadOnlySpan<T> input, Span<Complex> output)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        CheckInput(input.Length);
        if (output.Length < BinCount)
            throw new ArgumentException($"The output has {output.Length} bins; N = {Length} needs {BinCount}.", nameof(output));
        var b = _buffer.AsSpan();
        if (Length % 2 != 0)
        {
            for (var i = 0; i < Length; i++)
                b[i] = new Complex(double.CreateTruncating(input[i]), 0);
            _fft.Forward(b);
            b[..BinCount].CopyTo(output);
            output[0] = new Complex(output[0].Real, 0); // the DC bin of a real signal is real
            return;
        }
        var m = Length / 2;
        for (var i = 0; i < m; i++)
            b[i] = new Complex(double.CreateTruncating(input[2 * i]), double.CreateTruncating(input[2 * i + 1]));
        Unpack(output);
    }

    /// <summary>
    /// Writes the power |X[k]|² of the <see cref="BinCount"/> bins of <paramref name="input"/> (unscaled and not
    /// one-sided-doubled; <see cref="Welch"/> and <see cref="Spectrogram"/> give scaled spectra). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">input is not N samples or power is shorter than <see cref="BinCount"/>.</exception>
    public void PowerSpectrum(ReadOnlySpan<float> input, Span<double> power)
    {
        if (power.Length < BinCount)
            throw new ArgumentException($"The destination has {power.Length} values; {BinCount} bins are needed.", nameof(power));
        Forward(input, _bins);
        for (var k = 0; k < _bins.Length; k++)
        {
            var z = _bins[k];
            power[k] = z.Real * z.Real + z.Imaginary * z.Imaginary;
        }
    }

    // Even N: z[n] = x[2n] + i·x[2n+1], Z = FFT_{N/2}(z); X[k] = (Z[k] + conj Z[M−k])/2 − i·e^{−2πik/N}·(Z[k] − conj Z[M−k])/2.
    private void Unpack(Span<Complex> output)
    {
        var m = Length / 2;
        var z = _buffer.AsSpan();
        _fft.Forward(z);
        for (var k = 0; k <= m; k++)
        {
            var zk = z[k == m ? 0 : k];
            var zc = Complex.Conjugate(z[k == 0 ? 0 : m - k]);
            var even = (zk + zc) * 0.5;
            var odd = (zk - zc) * new Complex(0, -0.5);
            output[k] = even + _post[k] * odd;
        }
        output[0] = new Complex(z[0].Real + z[0].Imaginary, 0); // exactly real: Σ x[even] + Σ x[odd]
        output[m] = new Complex(z[0].Real - z[0].Imaginary, 0); // Σ x[even] − Σ x[odd]
    }

    private void CheckInput(int length)
    {
        if (length != Length)
            throw new ArgumentException($"This plan transforms {Length} samples; got {length}.", "input");
    }
}
