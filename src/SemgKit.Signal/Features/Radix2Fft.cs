namespace SemgKit.Signal.Features;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time) of a fixed power-of-two length,
/// X_k = Σ x_n e^{−2πikn/L}, with precomputed twiddles and bit-reversal table: allocation-free after construction.
/// </summary>
internal sealed class Radix2Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _reverse;

    public Radix2Fft(int length)
    {
        if (length < 1 || (length & (length - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two.");
        Length = length;
        _cos = new double[Math.Max(1, length / 2)];
        _sin = new double[_cos.Length];
        for (var k = 0; k < length / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / length);
            _sin[k] = -Math.Sin(2 * Math.PI * k / length);
        }
        _reverse = new int[length];
        var bits = System.Numerics.BitOperations.Log2((uint)length);
        for (var i = 0; i < length; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
                r |= ((i >> b) & 1) << (bits - 1 - b);
            _reverse[i] = r;
        }
    }

    public int Length { get; }

    public void Forward(Span<double> re, Span<double> im)
    {
        var n = Length;
        for (var i = 0; i < n; i++)
        {
            var j = _reverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (var size = 2; size <= n; size <<= 1)
        {
            var half = size >> 1;
            var step = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    double wr = _cos[k * step], wi = _sin[k * step];
                    int a = start + k, b = a + half;
                    double tr = wr * re[b] - wi * im[b];
                    double ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
