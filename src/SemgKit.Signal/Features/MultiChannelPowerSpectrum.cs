using System.Numerics;
using System.Runtime.InteropServices;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// The <see cref="PowerSpectrum"/> of every channel of a window at once, with the channels in SIMD lanes: groups of
/// W = <see cref="Vector{T}.Count"/> channels of double (4 with AVX2/AVX-512, 2 with NEON/SSE), the last group padded
/// with zero channels. Same definition as <see cref="PowerSpectrum"/>: x zero-padded to L = nextpow2(N),
/// P_k = |X_k|²/N², k = 0..L/2−1, X = FFT_L(x). The real L-point FFT is one complex M = L/2-point FFT of
/// z_j = x_{2j} + i·x_{2j+1} (radix-4 first pass, then radix-2 decimation in time, input in bit-reversed order)
/// followed by the split X_k = E_k + W_L^k·O_k, E_k = (Z_k + Z̄_{M−k})/2, O_k = (Z_k − Z̄_{M−k})/(2i), W_L = e^{−2πi/L}.
/// All arithmetic is in double; <see cref="MeanFrequencies"/> and <see cref="MedianFrequencies"/> sum over k in the
/// order of <see cref="Spectral.MeanFrequency"/> and <see cref="Spectral.MedianFrequency"/>, so they agree with them
/// up to the double rounding of the FFT. Plans (twiddles, bit reversal) are made once per length; no allocation
/// after the first window of a given length and channel count. Not thread-safe (one per <see cref="FeatureScratch"/>).
/// </summary>
public sealed class MultiChannelPowerSpectrum
{
    private static int Lanes => Vector<double>.Count;

    private int _m;
    private double[] _twiddleRe = [], _twiddleIm = [], _splitRe = [], _splitIm = [];
    private int[] _bitReverse = [];
    private double[] _re = [], _im = [], _power = [];

    /// <summary>The shortest window handled (L ≥ 4); <see cref="PowerSpectrum"/> covers shorter ones.</summary>
    public const int MinimumWindowLength = 3;

    /// <summary>N, the window length of the last <see cref="Compute"/> (0 before the first).</summary>
    public int WindowLength { get; private set; }

    /// <summary>C, the channel count of the last <see cref="Compute"/>.</summary>
    public int ChannelCount { get; private set; }

    /// <summary>L, the zero-padded FFT length (the next power of two ≥ N).</summary>
    public int FftLength => 2 * _m;

    /// <summary>Computes the spectra of all channels of <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentException">The window is shorter than <see cref="MinimumWindowLength"/>.</exception>
    public void Compute(MultiChannelWindow window)
    {
        var n = window.LengthSamples;
        if (n < MinimumWindowLength)
            throw new ArgumentException($"The window has {n} samples; the multi-channel spectrum needs at least {MinimumWindowLength}.", nameof(window));
        var m = PowerSpectrum.NextPowerOfTwo(n) / 2;
        if (m != _m)
            Plan(m);
        var groups = (window.ChannelCount + Lanes - 1) / Lanes;
        if (_power.Length < groups * m * Lanes)
            _power = new double[groups * m * Lanes];
        WindowLength = n;
        ChannelCount = window.ChannelCount;
        // P_k = |2X_k|² · scale/4: the halves of E and O are folded into the (exact, power-of-two) scale.
        var quarterScale = 0.25 / ((double)n * n);
        var re = MemoryMarshal.Cast<double, Vector<double>>(_re.AsSpan());
        var im = MemoryMarshal.Cast<double, Vector<double>>(_im.AsSpan());
        for (var g = 0; g < groups; g++)
        {
            Pack(window, g, n);
            if (m >= 4)
            {
                FirstRadix4Pass(re, im);
                RadixTwoPasses(re, im, 4);
            }
            else
                RadixTwoPasses(re, im, 1);
            Split(re, im, quarterScale, MemoryMarshal.Cast<double, Vector<double>>(_power.AsSpan(g * m * Lanes, m * Lanes)));
        }
    }

    /// <summary>P_k of channel <paramref name="channel"/> (0-based), k = 0..L/2−1.</summary>
    public double Power(int channel, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)ChannelCount, nameof(channel));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)_m, nameof(k));
        return _power[((channel / Lanes) * _m + k) * Lanes + channel % Lanes];
    }

    /// <summary>Copies the spectrum of <paramref name="channel"/> into <paramref name="destination"/> (as if it had computed it).</summary>
    public void CopyChannel(int channel, PowerSpectrum destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)ChannelCount, nameof(channel));
        var p = destination.Load(WindowLength, FftLength);
        var source = _power.AsSpan((channel / Lanes) * _m * Lanes + channel % Lanes);
        for (var k = 0; k < p.Length; k++)
            p[k] = source[k * Lanes];
    }

    /// <summary>
    /// MNF = Σ k·P_k / Σ P_k · fs/L (Hz; 0 for a zero spectrum) of each channel c, written to
    /// <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>].
    /// </summary>
    public void MeanFrequencies(double sampleRateHz, Span<float> destination, int first, int stride)
    {
        var power = MemoryMarshal.Cast<double, Vector<double>>(_power.AsSpan());
        for (var g = 0; g * Lanes < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            Vector<double> num = default, den = default, k = default;
            for (var i = 0; i < p.Length; i++)
            {
                num += k * p[i];
                den += p[i];
                k += Vector<double>.One;
            }
            for (var lane = 0; lane < Lanes && g * Lanes + lane < ChannelCount; lane++)
                destination[first + (g * Lanes + lane) * stride] = den[lane] == 0 ? 0 : (float)(num[lane] / den[lane] * sampleRateHz / FftLength);
        }
    }

    /// <summary>
    /// MDF = f_k of the first k with Σ_{j≤k} P_j &gt; ½ Σ P (Hz; 0 when there is none, e.g. a zero spectrum) of each
    /// channel c, written to <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>].
    /// </summary>
    public void MedianFrequencies(double sampleRateHz, Span<float> destination, int first, int stride)
    {
        var power = MemoryMarshal.Cast<double, Vector<double>>(_power.AsSpan());
        for (var g = 0; g * Lanes < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            Vector<double> total = default;
            for (var i = 0; i < p.Length; i++)
                total += p[i];
            var half = total / new Vector<double>(2);
            Vector<double> cumulative = default, bin = default, k = default;
            Vector<long> found = default;
            for (var i = 0; i < p.Length; i++)
            {
                cumulative += p[i];
                var now = Vector.AndNot(Vector.GreaterThan(cumulative, half), found);
                bin = Vector.ConditionalSelect(now, k, bin);
                found |= now;
                if (Vector.EqualsAll(found, Vector<long>.AllBitsSet))
                    break;
                k += Vector<double>.One;
            }
            for (var lane = 0; lane < Lanes && g * Lanes + lane < ChannelCount; lane++)
                destination[first + (g * Lanes + lane) * stride] = found[lane] == 0 ? 0 : (float)(bin[lane] * sampleRateHz / FftLength);
        }
    }

    private void Plan(int m)
    {
        _m = m;
        _twiddleRe = new double[Math.Max(1, m / 2)];
        _twiddleIm = new double[_twiddleRe.Length];
        for (var t = 0; t < m / 2; t++)
        {
            _twiddleRe[t] = Math.Cos(2 * Math.PI * t / m); // W_M^t
            _twiddleIm[t] = -Math.Sin(2 * Math.PI * t / m);
        }
        _splitRe = new double[m];
        _splitIm = new double[m];
        for (var k = 0; k < m; k++)
        {
            _splitRe[k] = Math.Cos(Math.PI * k / m); // W_L^k, L = 2M
            _splitIm[k] = -Math.Sin(Math.PI * k / m);
        }
        _bitReverse = new int[m];
        var bits = BitOperations.Log2((uint)m);
        for (var j = 0; j < m; j++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
                r |= ((j >> b) & 1) << (bits - 1 - b);
            _bitReverse[j] = r;
        }
        _re = new double[m * Lanes];
        _im = new double[m * Lanes];
    }

    /// <summary>z_j = x_{2j} + i·x_{2j+1} of the group's channels into lane c of row bitreverse(j); padding and missing channels are 0.</summary>
    private void Pack(MultiChannelWindow window, int group, int n)
    {
        var lanes = Lanes;
        Array.Clear(_re);
        Array.Clear(_im);
        var re = _re.AsSpan();
        var im = _im.AsSpan();
        var reverse = _bitReverse.AsSpan();
        var pairs = n / 2;
        for (var lane = 0; lane < lanes; lane++)
        {
            var c = group * lanes + lane;
            if (c >= window.ChannelCount)
                break;
            var x = window.Channel(c);
            for (var j = 0; j < pairs; j++)
            {
                var row = reverse[j] * lanes + lane;
                re[row] = x[2 * j];
                im[row] = x[2 * j + 1];
            }
            if ((n & 1) != 0)
                re[reverse[pairs] * lanes + lane] = x[n - 1];
        }
    }

    /// <summary>The first two radix-2 passes as one radix-4 pass on 4 consecutive (bit-reversed) rows: twiddles 1 and −i only.</summary>
    private static void FirstRadix4Pass(Span<Vector<double>> re, Span<Vector<double>> im)
    {
        for (var a = 0; a + 3 < re.Length; a += 4)
        {
            Vector<double> s0r = re[a] + re[a + 1], s0i = im[a] + im[a + 1], d0r = re[a] - re[a + 1], d0i = im[a] - im[a + 1];
            Vector<double> s1r = re[a + 2] + re[a + 3], s1i = im[a + 2] + im[a + 3], d1r = re[a + 2] - re[a + 3], d1i = im[a + 2] - im[a + 3];
            re[a] = s0r + s1r;
            im[a] = s0i + s1i;
            re[a + 2] = s0r - s1r;
            im[a + 2] = s0i - s1i;
            re[a + 1] = d0r + d1i; // d0 + (−i)·d1
            im[a + 1] = d0i - d1r;
            re[a + 3] = d0r - d1i;
            im[a + 3] = d0i + d1r;
        }
    }

    /// <summary>Radix-2 decimation-in-time passes from butterfly half-size <paramref name="firstHalf"/> up to M/2.</summary>
    private void RadixTwoPasses(Span<Vector<double>> re, Span<Vector<double>> im, int firstHalf)
    {
        var m = re.Length;
        for (var half = firstHalf; half < m; half *= 2)
        {
            var step = m / (2 * half);
            for (var t = 0; t < half; t++)
            {
                var wr = new Vector<double>(_twiddleRe[t * step]);
                var wi = new Vector<double>(_twiddleIm[t * step]);
                for (var a = t; a < m; a += 2 * half)
                {
                    var b = a + half;
                    Vector<double> ur = re[a], ui = im[a], br = re[b], bi = im[b];
                    var vr = br * wr - bi * wi;
                    var vi = br * wi + bi * wr;
                    re[a] = ur + vr;
                    im[a] = ui + vi;
                    re[b] = ur - vr;
                    im[b] = ui - vi;
                }
            }
        }
    }

    /// <summary>P_k = |2E_k + W_L^k·2O_k|²·scale/4 for k = 0..M−1 (see the class remarks).</summary>
    private void Split(Span<Vector<double>> re, Span<Vector<double>> im, double quarterScale, Span<Vector<double>> power)
    {
        var m = re.Length;
        var s = new Vector<double>(quarterScale);
        for (var k = 0; k < m; k++)
        {
            var mk = (m - k) & (m - 1);
            Vector<double> a = re[k], b = im[k], c = re[mk], d = im[mk];
            Vector<double> er = a + c, ei = b - d, or = b + d, oi = c - a;
            var wr = new Vector<double>(_splitRe[k]);
            var wi = new Vector<double>(_splitIm[k]);
            var xr = er + (wr * or - wi * oi);
            var xi = ei + (wr * oi + wi * or);
            power[k] = (xr * xr + xi * xi) * s;
        }
    }
}
