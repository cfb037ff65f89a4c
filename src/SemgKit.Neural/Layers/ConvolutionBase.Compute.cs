using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

public abstract partial class ConvolutionBase
{
    public sealed override Tensor Forward(Tensor input, bool training)
    {
        var (n, c, h, w) = Dims(input.Shape);
        var (ho, wo) = OutHW(h, w);
        if (ho <= 0 || wo <= 0) OutputShape(input.Shape); // throws
        Input = input;
        var y = Reuse4(ref Output, n, OutChannels, ho, wo);
        if (Transposed) ForwardTransposed(input.Span, y.Span, n, c, h, w, ho, wo);
        else ForwardDirect(input.Span, y.Span, n, c, h, w, ho, wo);
        return y;
    }

    public sealed override Tensor Backward(Tensor gradOutput)
    {
        var x = Cached(Input);
        RequireSameShape(gradOutput, Output!);
        var (n, c, h, w) = Dims(x.Shape);
        var (ho, wo) = OutHW(h, w);
        var dx = Tensor.Reuse(ref GradInput, x.Shape);
        if (Transposed) BackwardTransposed(x.Span, gradOutput.Span, dx.Span, n, c, h, w, ho, wo);
        else BackwardDirect(x.Span, gradOutput.Span, dx.Span, n, c, h, w, ho, wo);
        return dx;
    }

    // Convolution: per sample, col (C·k, Ho·Wo) = im2col(x_s); y_s (Cout, Ho·Wo) = W (Cout, C·k) · col + b
    private void ForwardDirect(ReadOnlySpan<float> x, Span<float> y, int n, int c, int h, int w, int ho, int wo)
    {
        int ck = c * KernelArea, plane = ho * wo;
        var col = ColumnBuffer(ck * plane).AsSpan(0, ck * plane);
        var weight = Weight.Value.Span;
        for (int s = 0; s < n; s++)
        {
            Im2Col.Unfold(x.Slice(s * c * h * w, c * h * w), c, h, w, Geometry, ho, wo, col);
            var ys = y.Slice(s * OutChannels * plane, OutChannels * plane);
            Sgemm.Multiply(false, false, OutChannels, plane, ck, 1f, weight, ck, col, plane, 0f, ys, plane, Threads);
            if (Bias is not null) AddBias(ys, Bias.Value.Span, plane);
        }
    }

    // dW (Cout, C·k) += dy_s (Cout, Ho·Wo) · colᵀ;  dcol (C·k, Ho·Wo) = Wᵀ · dy_s;  dx_s = col2im(dcol);  db += Σ dy
    private void BackwardDirect(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int n, int c, int h, int w, int ho, int wo)
    {
        int ck = c * KernelArea, plane = ho * wo;
        var buffer = ColumnBuffer(2 * ck * plane);
        var col = buffer.AsSpan(0, ck * plane);
        var dcol = buffer.AsSpan(ck * plane, ck * plane);
        var weight = Weight.Value.Span;
        var dWeight = Weight.Grad.Span;
        dx.Clear();
        for (int s = 0; s < n; s++)
        {
            var dys = dy.Slice(s * OutChannels * plane, OutChannels * plane);
            Im2Col.Unfold(x.Slice(s * c * h * w, c * h * w), c, h, w, Geometry, ho, wo, col);
            Sgemm.Multiply(false, true, OutChannels, ck, plane, 1f, dys, plane, col, plane, 1f, dWeight, ck, Threads);
            Sgemm.Multiply(true, false, ck, plane, OutChannels, 1f, weight, ck, dys, plane, 0f, dcol, plane, Threads);
            Im2Col.FoldAdd(dcol, c, h, w, Geometry, ho, wo, dx.Slice(s * c * h * w, c * h * w));
            if (Bias is not null) AccumulateBiasGrad(dys, Bias.Grad.Span, plane);
        }
    }

    // Transposed convolution: col (Cout·k, H·W) = Wᵀ (Cout·k, C) · x_s (C, H·W); y_s = col2im(col) + b
    private void ForwardTransposed(ReadOnlySpan<float> x, Span<float> y, int n, int c, int h, int w, int ho, int wo)
    {
        int ok = OutChannels * KernelArea, plane = h * w, outPlane = ho * wo;
        var col = ColumnBuffer(ok * plane).AsSpan(0, ok * plane);
        var weight = Weight.Value.Span;
        y.Clear();
        for (int s = 0; s < n; s++)
        {
            Sgemm.Multiply(true, false, ok, plane, c, 1f, weight, ok, x.Slice(s * c * plane, c * plane), plane, 0f, col, plane, Threads);
            var ys = y.Slice(s * OutChannels * outPlane, OutChannels * outPlane);
            Im2Col.FoldAdd(col, OutChannels, ho, wo, Geometry, h, w, ys);
            if (Bias is not null) AddBias(ys, Bias.Value.Span, outPlane);
        }
    }

    // dcol (Cout·k, H·W) = im2col(dy_s);  dx_s (C, H·W) = W (C, Cout·k) · dcol;  dW += x_s · dcolᵀ;  db += Σ dy
    private void BackwardTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int n, int c, int h, int w, int ho, int wo)
    {
        int ok = OutChannels * KernelArea, plane = h * w, outPlane = ho * wo;
        var dcol = ColumnBuffer(ok * plane).AsSpan(0, ok * plane);
        var weight = Weight.Value.Span;
        var dWeight = Weight.Grad.Span;
        for (int s = 0; s < n; s++)
        {
            var dys = dy.Slice(s * OutChannels * outPlane, OutChannels * outPlane);
            Im2Col.Unfold(dys, OutChannels, ho, wo, Geometry, h, w, dcol);
            Sgemm.Multiply(false, false, c, plane, ok, 1f, weight, ok, dcol, plane, 0f, dx.Slice(s * c * plane, c * plane), plane, Threads);
            Sgemm.Multiply(false, true, c, ok, plane, 1f, x.Slice(s * c * plane, c * plane), plane, dcol, plane, 1f, dWeight, ok, Threads);
            if (Bias is not null) AccumulateBiasGrad(dys, Bias.Grad.Span, outPlane);
        }
    }
}
