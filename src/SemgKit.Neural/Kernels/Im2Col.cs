namespace SemgKit.Neural.Kernels;

/// <summary>
/// Geometry of a 2-D sliding window (1-D is H = 1): kernel, stride, dilation, and the padding before each axis
/// (padding after is implied by the output size).
/// </summary>
public readonly record struct WindowGeometry(int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft);

/// <summary>
/// im2col / col2im for one sample. The column matrix has C·kH·kW rows (channel-major, then kernel row, kernel column)
/// and outH·outW columns, so a convolution is <c>W (Cout × C·kH·kW) · col</c>.
/// </summary>
public static class Im2Col
{
    /// <summary>
    /// Unfolds <paramref name="image"/> (C, H, W) into <paramref name="columns"/> (C·kH·kW, outH·outW); taps outside the image are 0.
    /// Input position of output (oy, ox) and tap (ki, kj): (oy·sH − padTop + ki·dH, ox·sW − padLeft + kj·dW).
    /// </summary>
    public static void Unfold(ReadOnlySpan<float> image, int channels, int height, int width, in WindowGeometry g, int outH, int outW, Span<float> columns)
        => Unfold(image, channels, height, width, g, outW, 0, outH, columns);

    /// <summary>
    /// <see cref="Unfold(ReadOnlySpan{float}, int, int, int, in WindowGeometry, int, int, Span{float})"/> restricted to output
    /// rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>): the column matrix has (rowEnd − rowStart)·outW columns.
    /// </summary>
    internal static void Unfold(ReadOnlySpan<float> image, int channels, int height, int width, in WindowGeometry g, int outW, int rowStart, int rowEnd, Span<float> columns)
    {
        int plane = (rowEnd - rowStart) * outW;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            var src = image.Slice(c * height * width, height * width);
            for (int ki = 0; ki < g.KernelH; ki++)
            {
                for (int kj = 0; kj < g.KernelW; kj++, row++)
                {
                    var dst = columns.Slice(row * plane, plane);
                    int xOffset = kj * g.DilationW - g.PadLeft;
                    // Output columns whose input x lies inside [0, width): ox in [oxLo, oxHi).
                    int oxLo = xOffset >= 0 ? 0 : (-xOffset + g.StrideW - 1) / g.StrideW;
                    int oxHi = width - xOffset <= 0 ? 0 : Math.Min(outW, (width - xOffset + g.StrideW - 1) / g.StrideW);
                    oxLo = Math.Min(oxLo, outW);
                    if (oxHi < oxLo) oxHi = oxLo;
                    for (int oy = rowStart; oy < rowEnd; oy++)
                    {
                        var d = dst.Slice((oy - rowStart) * outW, outW);
                        int iy = oy * g.StrideH - g.PadTop + ki * g.DilationH;
                        if ((uint)iy >= (uint)height)
                        {
                            d.Clear();
                            continue;
                        }
                        d[..oxLo].Clear();
                        d[oxHi..].Clear();
                        var s = src.Slice(iy * width, width);
                        if (g.StrideW == 1)
                        {
                            // a tap entirely in the padding (kernel wider than the padded-away input) copies nothing
                            if (oxHi > oxLo) s.Slice(oxLo + xOffset, oxHi - oxLo).CopyTo(d[oxLo..oxHi]);
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++) d[ox] = s[ox * g.StrideW + xOffset];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of the full-image Unfold: adds each column entry into <paramref name="image"/> (C, H, W) at its input position
    /// (taps outside are dropped). The caller clears <paramref name="image"/> first when it wants a fresh result.
    /// </summary>
    public static void FoldAdd(ReadOnlySpan<float> columns, int channels, int height, int width, in WindowGeometry g, int outH, int outW, Span<float> image)
        => FoldAdd(columns, channels, height, width, g, outW, 0, outH, image);

    /// <summary>The adjoint of the row-range <see cref="Unfold(ReadOnlySpan{float}, int, int, int, in WindowGeometry, int, int, int, Span{float})"/>.</summary>
    internal static void FoldAdd(ReadOnlySpan<float> columns, int channels, int height, int width, in WindowGeometry g, int outW, int rowStart, int rowEnd, Span<float> image)
    {
        int plane = (rowEnd - rowStart) * outW;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            var dstImage = image.Slice(c * height * width, height * width);
            for (int ki = 0; ki < g.KernelH; ki++)
            {
                for (int kj = 0; kj < g.KernelW; kj++, row++)
                {
                    var src = columns.Slice(row * plane, plane);
                    int xOffset = kj * g.DilationW - g.PadLeft;
                    int oxLo = xOffset >= 0 ? 0 : (-xOffset + g.StrideW - 1) / g.StrideW;
                    int oxHi = width - xOffset <= 0 ? 0 : Math.Min(outW, (width - xOffset + g.StrideW - 1) / g.StrideW);
                    oxLo = Math.Min(oxLo, outW);
                    for (int oy = rowStart; oy < rowEnd; oy++)
                    {
                        int iy = oy * g.StrideH - g.PadTop + ki * g.DilationH;
                        if ((uint)iy >= (uint)height) continue;
                        var s = src.Slice((oy - rowStart) * outW, outW);
                        var d = dstImage.Slice(iy * width, width);
                        if (g.StrideW == 1)
                        {
                            if (oxHi > oxLo)
                                System.Numerics.Tensors.TensorPrimitives.Add(d.Slice(oxLo + xOffset, oxHi - oxLo), s[oxLo..oxHi], d.Slice(oxLo + xOffset, oxHi - oxLo));
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++) d[ox * g.StrideW + xOffset] += s[ox];
                        }
                    }
                }
            }
        }
    }
}
