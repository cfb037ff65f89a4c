namespace SemgKit.Signal;

/// <summary>
/// Per-thread scratch buffers for kernels that must stay allocation-free yet thread-safe (features are shared by the
/// parallel encoders). Unlike <see cref="System.Buffers.ArrayPool{T}"/>, which the GC may trim so that a later rent
/// allocates again, a thread's buffers are allocated once, grown when a longer one is asked for, and kept.
/// Each call site owns a fixed slot, so nested kernels never hand out the same buffer twice.
/// </summary>
internal static class ThreadScratch
{
    public const int LibEmgWaveletInput = 0, LibEmgWaveletCoefficients = 1, DwtLevel = 2,
        PacketLevel = 3, PacketInput = 4, PacketCoefficients = 5;

    private const int Slots = 6;

    [ThreadStatic]
    private static double[]?[]? _doubles;

    /// <summary>This thread's buffer for <paramref name="slot"/>, at least <paramref name="length"/> long (contents undefined).</summary>
    public static double[] Doubles(int slot, int length)
    {
        var set = _doubles ??= new double[Slots][];
        var buffer = set[slot];
        if (buffer is null || buffer.Length < length)
            set[slot] = buffer = new double[Math.Max(length, 256)];
        return buffer;
    }
}
