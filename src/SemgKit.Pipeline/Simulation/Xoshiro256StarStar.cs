using System.Runtime.CompilerServices;

namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2018),
/// seeded through SplitMix64, with normal deviates by Marsaglia's polar method computed by <see cref="PortableMath"/>.
/// Used instead of <see cref="System.Random"/> so the synthetic data never depends on the runtime's
/// generator or the platform's maths library: same seed, same bits, on every machine.
/// </summary>
/// <remarks>A mutable struct: pass it by <c>ref</c>, never copy it by accident.</remarks>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        _spareNormal = 0;
        _hasSpare = false;
    }

    /// <summary>A generator with the given raw state (not all zero), for checking against the reference implementation.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        var g = new Xoshiro256StarStar(0);
        g._s0 = s0;
        g._s1 = s1;
        g._s2 = s2;
        g._s3 = s3;
        return g;
    }

    /// <summary>A generator for a sub-stream identified by <paramref name="seed"/> and up to four integers.</summary>
    public static Xoshiro256StarStar ForStream(long seed, int a, int b = 0, int c = 0, int d = 0) =>
        new(DeriveSeed(seed, a, b, c, d));

    /// <summary>Mixes <paramref name="seed"/> with four integers into a well-scrambled 64-bit seed.</summary>
    public static ulong DeriveSeed(long seed, int a, int b, int c, int d)
    {
        ulong h = (ulong)seed;
        h = Mix(h ^ Mix((ulong)(uint)a + 0x100000000UL));
        h = Mix(h ^ Mix((ulong)(uint)b + 0x200000000UL));
        h = Mix(h ^ Mix((ulong)(uint)c + 0x300000000UL));
        h = Mix(h ^ Mix((ulong)(uint)d + 0x400000000UL));
        return h;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

    /// <summary>Standard normal deviate (Marsaglia polar method; the second value of each pair is kept for the next call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        // Marsaglia's polar method: a uniform point in the unit disc, scaled by sqrt(−2 ln s / s).
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Normal deviate with the given mean and standard deviation.</summary>
    public double Normal(double mean, double sd) => mean + sd * NextNormal();

    /// <summary>Log-normal factor with median 1: exp(N(0, <paramref name="logSd"/>²)).</summary>
    public double LogNormalFactor(double logSd) => logSd == 0 ? 1.0 : PortableMath.Exp(logSd * NextNormal());

    /// <summary>Fills <paramref name="destination"/> with standard normal deviates.</summary>
    public void FillNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = NextNormal();
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
