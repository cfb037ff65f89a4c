using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// The <see cref="PowerSpectrum"/> of every channel of a window at once, with the channels in SIMD lanes: groups of
/// W channels of double — 8 in one AVX-512 register where <see cref="Vector512"/> is accelerated, else
/// <see cref="Vector{T}.Count"/> (4 with AVX2, 2 with NEON/SSE) — the last group padded with zero channels. Same definition as <see cref="PowerSpectrum"/>: x zero-padded to L = nextpow2(N),
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
    private readonly bool _wide;
    private readonly int _lanes;

    private int _m;
    private double[] _twiddleRe = [], _twiddleIm = [], _splitRe = [], _splitIm = [];
    private int[] _bitReverse = [];
    private double[] _z = [], _power = []; // row j of Z: W lanes of Re Z_j, then W lanes of Im Z_j (interleaved: no 4 KiB aliasing between Re and Im)

    /// <summary>Uses 512-bit lanes where the hardware accelerates them.</summary>
    public MultiChannelPowerSpectrum()
        : this(Vector512.IsHardwareAccelerated)
    {
    }

    /// <param name="wide">8 lanes in <see cref="Vector512{T}"/> (emulated when not accelerated: tests), else <see cref="Vector{T}"/>.</param>
    internal MultiChannelPowerSpectrum(bool wide)
    {
        _wide = wide;
        _lanes = wide ? Lanes512.Count : LanesVector.Count;
    }

    /// <summary>W, the channels computed side by side.</summary>
    public int Lanes => _lanes;

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
        var groups = (window.ChannelCount + _lanes - 1) / _lanes;
        if (_power.Length < groups * m * _lanes)
            _power = new double[groups * m * _lanes];
        WindowLength = n;
        ChannelCount = window.ChannelCount;
        if (_wide)
            ComputeGroups<Lanes512>(window, groups);
        else
            ComputeGroups<LanesVector>(window, groups);
    }

    private void ComputeGroups<TL>(MultiChannelWindow window, int groups) where TL : unmanaged, IDoubleLanes<TL>
    {
        var n = window.LengthSamples;
        var m = _m;
        // P_k = |2X_k|² · scale/4: the halves of E and O are folded into the (exact, power-of-two) scale.
        var quarterScale = 0.25 / ((double)n * n);
        var z = MemoryMarshal.Cast<double, TL>(_z.AsSpan());
        for (var g = 0; g < groups; g++)
        {
            Pack(window, g, n);
            if (m >= 4)
            {
                FirstRadix4Pass(z);
                RadixTwoPasses(z, 4);
            }
            else
                RadixTwoPasses(z, 1);
            Split(z, quarterScale, MemoryMarshal.Cast<double, TL>(_power.AsSpan(g * m * _lanes, m * _lanes)));
        }
    }

    /// <summary>P_k of channel <paramref name="channel"/> (0-based), k = 0..L/2−1.</summary>
    public double Power(int channel, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)ChannelCount, nameof(channel));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)_m, nameof(k));
        return _power[((channel / _lanes) * _m + k) * _lanes + channel % _lanes];
    }

    /// <summary>Copies the spectrum of <paramref name="channel"/> into <paramref name="destination"/> (as if it had computed it).</summary>
    public void CopyChannel(int channel, PowerSpectrum destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)ChannelCount, nameof(channel));
        var p = destination.Load(WindowLength, FftLength);
        var source = _power.AsSpan((channel / _lanes) * _m * _lanes + channel % _lanes);
        for (var k = 0; k < p.Length; k++)
            p[k] = source[k * _lanes];
    }

    /// <summary>
    /// MNF = Σ k·P_k / Σ P_k · fs/L (Hz; 0 for a zero spectrum) of each channel c, written to
    /// <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>].
    /// </summary>
    public void MeanFrequencies(double sampleRateHz, Span<float> destination, int first, int stride)
    {
        if (_wide)
            MeanFrequencies<Lanes512>(sampleRateHz, destination, first, stride);
        else
            MeanFrequencies<LanesVector>(sampleRateHz, destination, first, stride);
    }

    private void MeanFrequencies<TL>(double sampleRateHz, Span<float> destination, int first, int stride) where TL : unmanaged, IDoubleLanes<TL>
    {
        var power = MemoryMarshal.Cast<double, TL>(_power.AsSpan());
        var one = TL.Create(1);
        for (var g = 0; g * TL.Count < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            TL num = default, den = default, k = default;
            for (var i = 0; i < p.Length; i++)
            {
                num += k * p[i];
                den += p[i];
                k += one;
            }
            for (var lane = 0; lane < TL.Count && g * TL.Count + lane < ChannelCount; lane++)
                destination[first + (g * TL.Count + lane) * stride] = den[lane] == 0 ? 0 : (float)(num[lane] / den[lane] * sampleRateHz / FftLength);
        }
    }

    /// <summary>
    /// PKF = f_k at the first maximum P_k (Hz; 0 for a zero spectrum) of each channel c, written to
    /// <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>]: <see cref="Spectral.PeakFrequency"/> lane-wise.
    /// </summary>
    public void PeakFrequencies(double sampleRateHz, Span<float> destination, int first, int stride)
    {
        if (_wide)
            PeakFrequencies<Lanes512>(sampleRateHz, destination, first, stride);
        else
            PeakFrequencies<LanesVector>(sampleRateHz, destination, first, stride);
    }

    private void PeakFrequencies<TL>(double sampleRateHz, Span<float> destination, int first, int stride) where TL : unmanaged, IDoubleLanes<TL>
    {
        var power = MemoryMarshal.Cast<double, TL>(_power.AsSpan());
        var one = TL.Create(1);
        for (var g = 0; g * TL.Count < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            TL best = p[0], bin = default, k = default;
            for (var i = 1; i < p.Length; i++)
            {
                k += one;
                var higher = TL.GreaterThan(p[i], best); // strictly: the first maximum wins, NaN never does
                best = TL.Select(higher, p[i], best);
                bin = TL.Select(higher, k, bin);
            }
            for (var lane = 0; lane < TL.Count && g * TL.Count + lane < ChannelCount; lane++)
                destination[first + (g * TL.Count + lane) * stride] = (float)(bin[lane] * sampleRateHz / FftLength);
        }
    }

    /// <summary>
    /// MNP = Σ P_k / (L/2) of each channel c, written to <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>]:
    /// <see cref="Spectral.MeanPower"/> lane-wise (the same sums in the same order).
    /// </summary>
    public void MeanPowers(Span<float> destination, int first, int stride)
    {
        if (_wide)
            MeanPowers<Lanes512>(destination, first, stride);
        else
            MeanPowers<LanesVector>(destination, first, stride);
    }

    private void MeanPowers<TL>(Span<float> destination, int first, int stride) where TL : unmanaged, IDoubleLanes<TL>
    {
        var power = MemoryMarshal.Cast<double, TL>(_power.AsSpan());
        for (var g = 0; g * TL.Count < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            TL total = default;
            for (var i = 0; i < p.Length; i++)
                total += p[i];
            for (var lane = 0; lane < TL.Count && g * TL.Count + lane < ChannelCount; lane++)
                destination[first + (g * TL.Count + lane) * stride] = (float)(total[lane] / _m);
        }
    }

    /// <summary>
    /// MDF = f_k of the first k with Σ_{j≤k} P_j &gt; ½ Σ P (Hz; 0 when there is none, e.g. a zero spectrum) of each
    /// channel c, written to <paramref name="destination"/>[<paramref name="first"/> + c·<paramref name="stride"/>].
    /// </summary>
    public void MedianFrequencies(double sampleRateHz, Span<float> destination, int first, int stride)
    {
        if (_wide)
            MedianFrequencies<Lanes512>(sampleRateHz, destination, first, stride);
        else
            MedianFrequencies<LanesVector>(sampleRateHz, destination, first, stride);
    }

    private void MedianFrequencies<TL>(double sampleRateHz, Span<float> destination, int first, int stride) where TL : unmanaged, IDoubleLanes<TL>
    {
        var power = MemoryMarshal.Cast<double, TL>(_power.AsSpan());
        TL one = TL.Create(1), two = TL.Create(2);
        for (var g = 0; g * TL.Count < ChannelCount; g++)
        {
            var p = power.Slice(g * _m, _m);
            TL total = default;
            for (var i = 0; i < p.Length; i++)
                total += p[i];
            var half = total / two;
            TL cumulative = default, bin = default, k = default, found = default;
            for (var i = 0; i < p.Length; i++)
            {
                cumulative += p[i];
                var now = TL.AndNot(TL.GreaterThan(cumulative, half), found);
                bin = TL.Select(now, k, bin);
                found |= now;
                if (TL.AllSet(found))
                    break;
                k += one;
            }
            for (var lane = 0; lane < TL.Count && g * TL.Count + lane < ChannelCount; lane++)
                destination[first + (g * TL.Count + lane) * stride] = found.IsSet(lane) ? (float)(bin[lane] * sampleRateHz / FftLength) : 0;
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
        _z = new double[2 * m * _lanes];
    }

    /// <summary>z_j = x_{2j} + i·x_{2j+1} of the group's channels into lane c of row bitreverse(j); padding and missing channels are 0.</summary>
    private void Pack(MultiChannelWindow window, int group, int n)
    {
        var lanes = _lanes;
        var z = _z.AsSpan();
        var reverse = _bitReverse.AsSpan();
        var pairs = n / 2;
        if ((group + 1) * lanes > window.ChannelCount)
            z.Clear(); // lanes without a channel
        else
            for (var j = pairs; j < _m; j++) // only the zero-padding rows (and the odd sample's, whose Im stays 0)
                z.Slice(2 * reverse[j] * lanes, 2 * lanes).Clear();
        for (var lane = 0; lane < lanes; lane++)
        {
            var c = group * lanes + lane;
            if (c >= window.ChannelCount)
                break;
            var x = window.Channel(c);
            for (var j = 0; j < pairs; j++)
            {
                var row = 2 * reverse[j] * lanes + lane;
                z[row] = x[2 * j];
                z[row + lanes] = x[2 * j + 1];
            }
            if ((n & 1) != 0)
                z[2 * reverse[pairs] * lanes + lane] = x[n - 1];
        }
    }

    /// <summary>The first two radix-2 passes as one radix-4 pass on 4 consecutive (bit-reversed) rows: twiddles 1 and −i only.</summary>
    private static void FirstRadix4Pass<TL>(Span<TL> z) where TL : unmanaged, IDoubleLanes<TL>
    {
        for (var r = 0; r + 7 < z.Length; r += 8) // rows a..a+3 at z[r], z[r+2], z[r+4], z[r+6] (Re; Im one further)
        {
            TL s0r = z[r] + z[r + 2], s0i = z[r + 1] + z[r + 3], d0r = z[r] - z[r + 2], d0i = z[r + 1] - z[r + 3];
            TL s1r = z[r + 4] + z[r + 6], s1i = z[r + 5] + z[r + 7], d1r = z[r + 4] - z[r + 6], d1i = z[r + 5] - z[r + 7];
            z[r] = s0r + s1r;
            z[r + 1] = s0i + s1i;
            z[r + 4] = s0r - s1r;
            z[r + 5] = s0i - s1i;
            z[r + 2] = d0r + d1i; // d0 + (−i)·d1
            z[r + 3] = d0i - d1r;
            z[r + 6] = d0r - d1i;
            z[r + 7] = d0i + d1r;
        }
    }

    /// <summary>Radix-2 decimation-in-time passes from butterfly half-size <paramref name="firstHalf"/> up to M/2.</summary>
    private void RadixTwoPasses<TL>(Span<TL> z, int firstHalf) where TL : unmanaged, IDoubleLanes<TL>
    {
        var m = z.Length / 2;
        for (var half = firstHalf; half < m; half *= 2)
        {
            var step = m / (2 * half);
            for (var t = 0; t < half; t++)
            {
                var wr = TL.Create(_twiddleRe[t * step]);
                var wi = TL.Create(_twiddleIm[t * step]);
                for (var a = t; a < m; a += 2 * half)
                {
                    var b = a + half;
                    TL ur = z[2 * a], ui = z[2 * a + 1], br = z[2 * b], bi = z[2 * b + 1];
                    var vr = br * wr - bi * wi;
                    var vi = br * wi + bi * wr;
                    z[2 * a] = ur + vr;
                    z[2 * a + 1] = ui + vi;
                    z[2 * b] = ur - vr;
                    z[2 * b + 1] = ui - vi;
                }
            }
        }
    }

    /// <summary>P_k = |2E_k + W_L^k·2O_k|²·scale/4 for k = 0..M−1 (see the class remarks).</summary>
    private void Split<TL>(Span<TL> z, double quarterScale, Span<TL> power) where TL : unmanaged, IDoubleLanes<TL>
    {
        var m = z.Length / 2;
        var s = TL.Create(quarterScale);
        for (var k = 0; k < m; k++)
        {
            var mk = (m - k) & (m - 1);
            TL a = z[2 * k], b = z[2 * k + 1], c = z[2 * mk], d = z[2 * mk + 1];
            TL er = a + c, ei = b - d, or = b + d, oi = c - a;
            var wr = TL.Create(_splitRe[k]);
            var wi = TL.Create(_splitIm[k]);
            var xr = er + (wr * or - wi * oi);
            var xi = ei + (wr * oi + wi * or);
            power[k] = (xr * xr + xi * xi) * s;
        }
    }
}
