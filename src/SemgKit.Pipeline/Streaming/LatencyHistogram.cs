using System.Numerics;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// An HDR-style log-linear histogram of non-negative microsecond values: exact below 256 µs, then 128 sub-buckets per
/// power of two (relative error below 0.8 %), up to about 12 days. Recording allocates nothing; percentiles walk the
/// counts. Not thread-safe: one writer, readers under the writer's lock.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int Sub = 1 << SubBits;        // 128
    private const int MaxShift = 33;
    private readonly long[] _counts = new long[2 * Sub + MaxShift * Sub];

    public long Count { get; private set; }

    /// <summary>Largest recorded value, exact.</summary>
    public long Max { get; private set; }

    /// <summary>Smallest recorded value, exact (0 when empty).</summary>
    public long Min { get; private set; }

    public double Mean => Count == 0 ? double.NaN : (double)_sum / Count;

    private long _sum;

    public void Record(long microseconds)
    {
        if (microseconds < 0) microseconds = 0;
        _counts[Index(microseconds)]++;
        if (Count == 0 || microseconds < Min) Min = microseconds;
        if (microseconds > Max) Max = microseconds;
        Count++;
        _sum += microseconds;
    }

    /// <summary>The value at quantile <paramref name="q"/> in [0, 1] (upper edge of its bucket, capped at <see cref="Max"/>); NaN when empty.</summary>
    public double Percentile(double q)
    {
        if (Count == 0) return double.NaN;
        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Min(UpperEdge(i), Max);
        }
        return Max;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Max = 0;
        Min = 0;
        _sum = 0;
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other.Count == 0) return;
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Count += other.Count;
        _sum += other._sum;
    }

    private static int Index(long v)
    {
        if (v < 2 * Sub) return (int)v;
        int shift = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)v) - SubBits, MaxShift);
        long top = Math.Min(v >> shift, 2 * Sub - 1);
        return 2 * Sub + (shift - 1) * Sub + (int)(top - Sub);
    }

    private static long UpperEdge(int index)
    {
        if (index < 2 * Sub) return index;
        int shift = (index - 2 * Sub) / Sub + 1;
        long top = (index - 2 * Sub) % Sub + Sub;
        return ((top + 1) << shift) - 1;
    }
}
