using System.Numerics;

namespace SemgKit.Signal.Transforms;

/// <summary>
/// A forward complex DFT plan of any length, X[k] = Σ x[n]·e^{−2πikn/N}, in double: iterative radix-2 for powers of
/// two, Bluestein's chirp-z (through a radix-2 transform of length ≥ 2N−1) otherwise. Buffers are allocated once;
/// not thread-safe (one plan per thread).
/// </summary>
internal sealed class ComplexFft
{
    private readonly int _n;
    private readonly bool _pow2;
    private readonly int[] _bitReverse = [];
    private readonly Complex[] _twiddles = [];   // e^{−2πik/N}, k < N/2
    private readonly ComplexFft? _inner;         // Bluestein: radix-2 plan of length M
    private readonly Complex[] _chirp = [];      // e^{−iπk²/N}
    private readonly Complex[] _chirpSpectrum = []; // FFT_M of conj chirp, symmetric
    private readonly Complex[] _work = [];

    public ComplexFft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _n = length;
        _pow2 = BitOperations.IsPow2(length);
        if (_pow2)
        {
            var bits = BitOperations.Log2((uint)length);
            _bitReverse = new int[length];
            for (var i = 0; i < length; i++)
                _bitReverse[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
            _twiddles = new Complex[Math.Max(1, length / 2)];
            for (var k = 0; k < _twiddles.Length; k++)
                _twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
            return;
        }
        var m = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * length - 1));
        _inner = new ComplexFft(m);
        _chirp = new Complex[length];
        var twoN = 2L * length;
        for (long k = 0; k < length; k++)
        {
            var k2 = k * k % twoN; // exact phase index, keeps the chirp accurate for large k
            _chirp[k] = Complex.FromPolarCoordinates(1, -Math.PI * k2 / length);
        }
        _chirpSpectrum = new Complex[m];
        _chirpSpectrum[0] = Complex.Conjugate(_chirp[0]);
        for (var k = 1; k < length; k++)
            _chirpSpectrum[k] = _chirpSpectrum[m - k] = Complex.Conjugate(_chirp[k]);
        _inner.Forward(_chirpSpectrum);
        _work = new Complex[m];
    }

    public int Length => _n;

    /// <summary>In-place forward transform of <paramref name="data"/> (length N).</summary>
    public void Forward(Span<Complex> data)
    {
        if (_pow2)
        {
            Radix2(data);
            return;
        }
        var m = _work.Length;
        var w = _work.AsSpan();
        for (var k = 0; k < _n; k++)
            w[k] = data[k] * _chirp[k];
        w[_n..].Clear();
        _inner!.Forward(w);
        for (var k = 0; k < m; k++)
            w[k] = Complex.Conjugate(w[k] * _chirpSpectrum[k]); // inverse via conj(FFT(conj(.)))
        _inner.Forward(w);
        var scale = 1.0 / m;
        for (var k = 0; k < _n; k++)
            data[k] = Complex.Conjugate(w[k]) * scale * _chirp[k];
    }

    private void Radix2(Span<Complex> a)
    {
        var n = _n;
        for (var i = 0; i < n; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
                (a[i], a[j]) = (a[j], a[i]);
        }
        for (var size = 2; size <= n; size <<= 1)
        {
            var half = size >> 1;
            var stride = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    var t = _twiddles[k * stride] * a[start + k + half];
                    var u = a[start + k];
                    a[start + k] = u + t;
                    a[start + k + half] = u - t;
                }
            }
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
