namespace SemgKit.Neural.Kernels;

/// <summary>Axis permutation of a row-major tensor (like <c>torch.permute(...).contiguous()</c>).</summary>
public static class Permute
{
    /// <summary>Maximum supported rank.</summary>
    public const int MaxRank = 8;

    /// <summary>
    /// Writes <paramref name="source"/> (shape <paramref name="shape"/>) permuted so that output axis i is input axis
    /// <paramref name="axes"/>[i]. Allocation-free.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<float> destination)
    {
        int rank = shape.Length;
        if (rank > MaxRank) throw new ArgumentException($"Permute supports up to rank {MaxRank}.");
        Span<int> inStride = stackalloc int[MaxRank];
        Span<int> outShape = stackalloc int[MaxRank];
        Span<int> stride = stackalloc int[MaxRank]; // input stride of each output axis
        Span<int> index = stackalloc int[MaxRank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            inStride[i] = s;
            s *= shape[i];
        }
        for (int i = 0; i < rank; i++)
        {
            outShape[i] = shape[axes[i]];
            stride[i] = inStride[axes[i]];
            index[i] = 0;
        }
        int total = s;
        if (total == 0) return;
        int last = rank - 1;
        int lastLen = outShape[last], lastStride = stride[last];
        int offset = 0;
        for (int o = 0; o < total; o += lastLen)
        {
            var d = destination.Slice(o, lastLen);
            for (int j = 0, p = offset; j < lastLen; j++, p += lastStride) d[j] = source[p];
            // advance the odometer over axes 0..last-1
            for (int ax = last - 1; ax >= 0; ax--)
            {
                index[ax]++;
                offset += stride[ax];
                if (index[ax] < outShape[ax]) break;
                offset -= stride[ax] * outShape[ax];
                index[ax] = 0;
            }
        }
    }
}
