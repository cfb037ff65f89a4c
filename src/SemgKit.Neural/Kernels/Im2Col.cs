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
        if (IsRowContiguous(g, width, outW))
        {
            UnfoldContiguous(image, channels, height, width, g, rowStart, rowEnd, columns);
            return;
        }
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

    /// <summary>
    /// The adjoint of the row-range Unfold, as <see cref="FoldAdd(ReadOnlySpan{float}, int, int, int, in WindowGeometry, int, int, int, Span{float})"/>,
    /// for a column matrix the caller no longer needs: with stride 1 and outW = W, the entries of taps that fall in the
    /// left/right padding are set to 0 and each tap's rows are then added as one contiguous run.
    /// </summary>
    internal static void FoldAddConsuming(Span<float> columns, int channels, int height, int width, in WindowGeometry g, int outW, int rowStart, int rowEnd, Span<float> image)
    {
        if (!IsRowContiguous(g, width, outW))
        {
            FoldAdd(columns, channels, height, width, g, outW, rowStart, rowEnd, image);
            return;
        }
        int rows = rowEnd - rowStart, plane = rows * width, area = height * width, row = 0;
        for (int c = 0; c < channels; c++)
        {
            var dstImage = image.Slice(c * area, area);
            for (int ki = 0; ki < g.KernelH; ki++)
            {
                for (int kj = 0; kj < g.KernelW; kj++, row++)
                {
                    var src = columns.Slice(row * plane, plane);
                    var tap = ContiguousTap(g, height, width, rowStart, rowEnd, ki, kj);
                    if (tap.Start >= tap.End) continue;
                    ClearPaddingColumns(src, width, rowStart, tap);
                    var (start, end, shift) = (tap.Start, tap.End, tap.Shift);
                    System.Numerics.Tensors.TensorPrimitives.Add(dstImage[(start + shift)..(end + shift)], src[start..end], dstImage[(start + shift)..(end + shift)]);
                }
            }
        }
    }

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

    /// <summary>
    /// Stride 1 in both axes and as many output as input columns ("same" padding): output (oy, ox) of a tap reads input
    /// (oy + dy, ox + dx) for a fixed (dy, dx), so a tap's whole block of output rows maps to one contiguous input run,
    /// apart from the columns in the left/right padding.
    /// </summary>
    private static bool IsRowContiguous(in WindowGeometry g, int width, int outW) => g.StrideH == 1 && g.StrideW == 1 && outW == width;

    /// <summary>
    /// For tap (ki, kj) of a row-contiguous geometry over output rows [rowStart, rowEnd): the valid output columns
    /// [oxLo, oxHi) and rows [oyLo, oyHi), and the run [start, end) of column-matrix entries (relative to the tap's row) that
    /// reads input entries [start + shift, end + shift) of the channel plane, clipped to the plane. Entries of the run outside
    /// [oxLo, oxHi) are padding taps: they lie inside the plane only by wrapping into a neighbouring row.
    /// </summary>
    private static ContiguousRun ContiguousTap(in WindowGeometry g, int height, int width, int rowStart, int rowEnd, int ki, int kj)
    {
        int xOffset = kj * g.DilationW - g.PadLeft, yOffset = ki * g.DilationH - g.PadTop;
        int oxLo = Math.Clamp(-xOffset, 0, width), oxHi = Math.Clamp(width - xOffset, oxLo, width);
        int oyLo = Math.Clamp(-yOffset, rowStart, rowEnd), oyHi = Math.Clamp(height - yOffset, oyLo, rowEnd);
        if (oxHi <= oxLo || oyHi <= oyLo) return new ContiguousRun(oxLo, oxHi, oyLo, oyHi, 0, 0, 0);
        int shift = (rowStart + yOffset) * width + xOffset;
        int start = (oyLo - rowStart) * width + oxLo, end = (oyHi - rowStart - 1) * width + oxHi;
        return new ContiguousRun(oxLo, oxHi, oyLo, oyHi, start, end, shift);
    }

    private readonly record struct ContiguousRun(int OxLo, int OxHi, int OyLo, int OyHi, int Start, int End, int Shift);

    /// <summary>Zeroes the entries of a tap's column-matrix row whose output column lies in the left/right padding.</summary>
    private static void ClearPaddingColumns(Span<float> tapRow, int width, int rowStart, in ContiguousRun tap)
    {
        for (int oy = tap.OyLo; oy < tap.OyHi; oy++)
        {
            var r = tapRow.Slice((oy - rowStart) * width, width);
            r[..tap.OxLo].Clear();
            r[tap.OxHi..].Clear();
        }
    }

    private static void UnfoldContiguous(ReadOnlySpan<float> image, int channels, int height, int width, in WindowGeometry g, int rowStart, int rowEnd, Span<float> columns)
    {
        int rows = rowEnd - rowStart, plane = rows * width, area = height * width, row = 0;
        for (int c = 0; c < channels; c++)
        {
            var src = image.Slice(c * area, area);
            for (int ki = 0; ki < g.KernelH; ki++)
            {
                for (int kj = 0; kj < g.KernelW; kj++, row++)
                {
                    var dst = columns.Slice(row * plane, plane);
                    var tap = ContiguousTap(g, height, width, rowStart, rowEnd, ki, kj);
                    if (tap.Start >= tap.End)
                    {
                        dst.Clear();
                        continue;
                    }
                    dst[..tap.Start].Clear();
                    dst[tap.End..].Clear();
                    src[(tap.Start + tap.Shift)..(tap.End + tap.Shift)].CopyTo(dst[tap.Start..tap.End]);
                    ClearPaddingColumns(dst, width, rowStart, tap); // they picked up a neighbouring row's value
                }
            }
        }
    }
}
