namespace SemgKit.Neural.Kernels;

/// <summary>
/// im2col for convolutions whose output is one column wide (see <see cref="Layers.ColumnConv2d"/>): every sample of the batch
/// in one column matrix, only the kernel columns that meet the input.
/// Column matrix: rows r = (c·kH + kh)·W + x (K = C·kH·W rows), columns j = b·H_out + oy (N·H_out columns);
/// entry = input[b, c, oy + kh − padTop, x], 0 outside the image.
/// </summary>
public static class ColumnConvolution
{
    /// <summary>Unfolds <paramref name="input"/> (N, C, H, W) into <paramref name="columns"/> (C·kH·W, N·outH).</summary>
    public static void Unfold(ReadOnlySpan<float> input, int n, int channels, int height, int width, int kernelH, int padTop, int outH, Span<float> columns)
    {
        int cols = n * outH;
        for (int c = 0; c < channels; c++)
            for (int kh = 0; kh < kernelH; kh++)
            {
                // outputs whose input row oy + kh − padTop lies in [0, H): oy in [lo, hi)
                int lo = Math.Clamp(padTop - kh, 0, outH), hi = Math.Clamp(height + padTop - kh, lo, outH);
                for (int x = 0; x < width; x++)
                {
                    var row = columns.Slice(((c * kernelH + kh) * width + x) * cols, cols);
                    for (int b = 0; b < n; b++)
                    {
                        var dst = row.Slice(b * outH, outH);
                        dst[..lo].Clear();
                        dst[hi..].Clear();
                        var src = input.Slice((b * channels + c) * height * width, height * width);
                        int iy0 = lo + kh - padTop;
                        if (width == 1) src.Slice(iy0, hi - lo).CopyTo(dst[lo..hi]);
                        else
                            for (int oy = lo; oy < hi; oy++) dst[oy] = src[(oy + kh - padTop) * width + x];
                    }
                }
            }
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: writes (not adds) the folded columns into <paramref name="gradInput"/> (N, C, H, W).</summary>
    public static void Fold(ReadOnlySpan<float> columns, int n, int channels, int height, int width, int kernelH, int padTop, int outH, Span<float> gradInput)
    {
        gradInput.Clear();
        int cols = n * outH;
        for (int c = 0; c < channels; c++)
            for (int kh = 0; kh < kernelH; kh++)
            {
                int lo = Math.Clamp(padTop - kh, 0, outH), hi = Math.Clamp(height + padTop - kh, lo, outH);
                for (int x = 0; x < width; x++)
                {
                    var row = columns.Slice(((c * kernelH + kh) * width + x) * cols, cols);
                    for (int b = 0; b < n; b++)
                    {
                        var src = row.Slice(b * outH, outH);
                        var dst = gradInput.Slice((b * channels + c) * height * width, height * width);
                        int iy0 = lo + kh - padTop;
                        if (width == 1)
                            System.Numerics.Tensors.TensorPrimitives.Add(dst.Slice(iy0, hi - lo), src[lo..hi], dst.Slice(iy0, hi - lo));
                        else
                            for (int oy = lo; oy < hi; oy++) dst[(oy + kh - padTop) * width + x] += src[oy];
                    }
                }
            }
    }

    /// <summary>
    /// W_c (C_out, C_in·kH·W) from the weight (C_out, C_in, kH, kW): kernel columns padLeft … padLeft + W − 1. When the kernel is
    /// exactly W wide (no padding along W) W_c is the weight itself and callers can skip this.
    /// </summary>
    public static void PackWeights(ReadOnlySpan<float> weight, int outChannels, int inChannels, int kernelH, int kernelW, int padLeft, int width, Span<float> packed)
    {
        int rows = outChannels * inChannels * kernelH;
        if (width == 1)
        {
            for (int r = 0; r < rows; r++) packed[r] = weight[r * kernelW + padLeft];
            return;
        }
        for (int r = 0; r < rows; r++) weight.Slice(r * kernelW + padLeft, width).CopyTo(packed.Slice(r * width, width));
    }

    /// <summary>Adds dW_c back into the live columns of the weight gradient (C_out, C_in, kH, kW).</summary>
    public static void ScatterAddWeights(ReadOnlySpan<float> packed, int outChannels, int inChannels, int kernelH, int kernelW, int padLeft, int width, Span<float> weightGrad)
    {
        int rows = outChannels * inChannels * kernelH;
        for (int r = 0; r < rows; r++)
            for (int x = 0; x < width; x++) weightGrad[r * kernelW + padLeft + x] += packed[r * width + x];
    }
}
