using System.Numerics.Tensors;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Max or average pooling over (N, C, T) or (N, C, H, W) without padding (floor mode, like PyTorch's defaults):
/// out = ⌊(in − k) / s⌋ + 1; stride defaults to the kernel size.
/// </summary>
public abstract class PoolingBase : Layer
{
    private readonly bool _is1d, _max;
    private Tensor? _input, _output, _gradInput;
    private int[] _argMax = [];

    private protected PoolingBase(bool is1d, bool max, int kernelH, int kernelW, int strideH, int strideW)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideW);
        _is1d = is1d;
        _max = max;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
    }

    public int KernelH { get; }
    public int KernelW { get; }
    public int StrideH { get; }
    public int StrideW { get; }

    private (int N, int C, int H, int W, int Ho, int Wo) Dims(ReadOnlySpan<int> shape)
    {
        RequireRank(shape, _is1d ? 3 : 4, _is1d ? "(N, C, T)" : "(N, C, H, W)");
        var (n, c, h, w) = _is1d ? (shape[0], shape[1], 1, shape[2]) : (shape[0], shape[1], shape[2], shape[3]);
        int ho = h < KernelH ? 0 : (h - KernelH) / StrideH + 1, wo = w < KernelW ? 0 : (w - KernelW) / StrideW + 1;
        if (ho == 0 || wo == 0)
            throw new ArgumentException($"{GetType().Name}: input {Tensor.ShapeString(shape)} is smaller than the kernel.");
        return (n, c, h, w, ho, wo);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        var (n, c, _, _, ho, wo) = Dims(inputShape);
        return _is1d ? [n, c, wo] : [n, c, ho, wo];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var (n, c, h, w, ho, wo) = Dims(input.Shape);
        _input = input;
        var y = _is1d ? Tensor.Reuse(ref _output, n, c, wo) : Tensor.Reuse(ref _output, n, c, ho, wo);
        if (_max && _argMax.Length < y.Length) _argMax = new int[y.Length];
        var x = input.Span;
        var ys = y.Span;
        float invArea = 1f / (KernelH * KernelW);
        if (_max && KernelW == 2 && StrideW == 2 && ((KernelH == 1 && StrideH == 1 && h == 1) || (KernelH == 2 && StrideH == 2)))
        {
            ForwardMax2(x, ys, n * c, h, w, ho, wo);
            return y;
        }
        if (KernelH == 1 && StrideH == 1 && h == 1)
        {
            Forward1d(x, ys, n * c, w, wo, invArea);
            return y;
        }
        for (int p = 0; p < n * c; p++)
        {
            int inBase = p * h * w, outBase = p * ho * wo;
            for (int oy = 0; oy < ho; oy++)
            {
                for (int ox = 0; ox < wo; ox++)
                {
                    int y0 = oy * StrideH, x0 = ox * StrideW;
                    if (_max)
                    {
                        int best = inBase + y0 * w + x0;
                        float bestValue = x[best];
                        for (int ky = 0; ky < KernelH; ky++)
                        {
                            int row = inBase + (y0 + ky) * w + x0;
                            for (int kx = 0; kx < KernelW; kx++)
                            {
                                float v = x[row + kx];
                                if (v > bestValue || float.IsNaN(v))
                                {
                                    bestValue = v;
                                    best = row + kx;
                                }
                            }
                        }
                        ys[outBase + oy * wo + ox] = bestValue;
                        _argMax[outBase + oy * wo + ox] = best;
                    }
                    else
                    {
                        float sum = 0;
                        for (int ky = 0; ky < KernelH; ky++)
                        {
                            int row = inBase + (y0 + ky) * w + x0;
                            for (int kx = 0; kx < KernelW; kx++) sum += x[row + kx];
                        }
                        ys[outBase + oy * wo + ox] = sum * invArea;
                    }
                }
            }
        }
        return y;
    }

    // Kernel = stride = 2 (1-D) or 2×2 (2-D): the CNN models' pooling, vectorised (Kernels/PoolKernels.MaxPool2).
    private void ForwardMax2(ReadOnlySpan<float> x, Span<float> y, int planes, int h, int w, int ho, int wo)
    {
        bool twoD = KernelH == 2;
        for (int p = 0; p < planes; p++)
        {
            int inBase = p * h * w, outBase = p * ho * wo;
            for (int oy = 0; oy < ho; oy++)
            {
                int row0 = inBase + (twoD ? 2 * oy : oy) * w, o = outBase + oy * wo;
                var a = x.Slice(row0, w);
                var b = twoD ? x.Slice(row0 + w, w) : default;
                Kernels.PoolKernels.MaxPool2(a, b, y.Slice(o, wo), _argMax.AsSpan(o, wo), row0, row0 + w);
            }
        }
    }

    // (rows, T) → (rows, T_out): the common 1-D case without the 2-D index arithmetic.
    private void Forward1d(ReadOnlySpan<float> x, Span<float> y, int rows, int w, int wo, float invArea)
    {
        int k = KernelW, stride = StrideW;
        for (int r = 0; r < rows; r++)
        {
            var src = x.Slice(r * w, w);
            var dst = y.Slice(r * wo, wo);
            int outBase = r * wo;
            for (int o = 0; o < wo; o++)
            {
                var window = src.Slice(o * stride, k);
                if (_max)
                {
                    int best = 0;
                    float bestValue = window[0];
                    for (int j = 1; j < window.Length; j++)
                    {
                        float v = window[j];
                        if (v > bestValue || float.IsNaN(v))
                        {
                            bestValue = v;
                            best = j;
                        }
                    }
                    dst[o] = bestValue;
                    _argMax[outBase + o] = r * w + o * stride + best;
                }
                else dst[o] = TensorPrimitives.Sum(window) * invArea;
            }
        }
    }

    // Max: the gradient goes to the arg-max of each window; average: spread evenly over the window.
    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        var (n, c, h, w, ho, wo) = Dims(input.Shape);
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        var dxs = dx.Span;
        var dy = gradOutput.Span;
        dxs.Clear();
        if (_max)
        {
            var argMax = _argMax.AsSpan(0, dy.Length);
            if (StrideH >= KernelH && StrideW >= KernelW)
                for (int i = 0; i < argMax.Length; i++) dxs[argMax[i]] = dy[i]; // windows do not overlap
            else
                for (int i = 0; i < argMax.Length; i++) dxs[argMax[i]] += dy[i];
            return dx;
        }
        float invArea = 1f / (KernelH * KernelW);
        for (int p = 0; p < n * c; p++)
        {
            int inBase = p * h * w, outBase = p * ho * wo;
            for (int oy = 0; oy < ho; oy++)
                for (int ox = 0; ox < wo; ox++)
                {
                    float g = dy[outBase + oy * wo + ox] * invArea;
                    for (int ky = 0; ky < KernelH; ky++)
                    {
                        int row = inBase + (oy * StrideH + ky) * w + ox * StrideW;
                        for (int kx = 0; kx < KernelW; kx++) dxs[row + kx] += g;
                    }
                }
        }
        return dx;
    }
}

/// <summary><c>torch.nn.MaxPool1d(kernel, stride)</c> over (N, C, T).</summary>
public sealed class MaxPool1d(int kernelSize, int? stride = null) : PoolingBase(true, true, 1, kernelSize, 1, stride ?? kernelSize);

/// <summary><c>torch.nn.MaxPool2d(kernel, stride)</c> over (N, C, H, W).</summary>
public sealed class MaxPool2d : PoolingBase
{
    public MaxPool2d(int kernelSize, int? stride = null) : base(false, true, kernelSize, kernelSize, stride ?? kernelSize, stride ?? kernelSize) { }
    public MaxPool2d((int H, int W) kernelSize, (int H, int W)? stride = null) : base(false, true, kernelSize.H, kernelSize.W, (stride ?? kernelSize).H, (stride ?? kernelSize).W) { }
}

/// <summary><c>torch.nn.AvgPool1d(kernel, stride)</c> over (N, C, T).</summary>
public sealed class AvgPool1d(int kernelSize, int? stride = null) : PoolingBase(true, false, 1, kernelSize, 1, stride ?? kernelSize);

/// <summary><c>torch.nn.AvgPool2d(kernel, stride)</c> over (N, C, H, W).</summary>
public sealed class AvgPool2d : PoolingBase
{
    public AvgPool2d(int kernelSize, int? stride = null) : base(false, false, kernelSize, kernelSize, stride ?? kernelSize, stride ?? kernelSize) { }
    public AvgPool2d((int H, int W) kernelSize, (int H, int W)? stride = null) : base(false, false, kernelSize.H, kernelSize.W, (stride ?? kernelSize).H, (stride ?? kernelSize).W) { }
}

/// <summary>
/// Mean over every axis after the channel axis: (N, C, T) or (N, C, H, W) → (N, C), like
/// <c>AdaptiveAvgPool1d/2d(1)</c> followed by flatten.
/// </summary>
public sealed class GlobalAveragePool : Layer
{
    private Tensor? _input, _output, _gradInput;

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length < 3)
            throw new ArgumentException($"GlobalAveragePool expects (N, C, T) or (N, C, H, W), got {Tensor.ShapeString(inputShape)}.");
        return [inputShape[0], inputShape[1]];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.Rank < 3) OutputShape(input.Shape);
        _input = input;
        int nc = input.Dim(0) * input.Dim(1), inner = input.Length / nc;
        var y = Tensor.Reuse(ref _output, input.Dim(0), input.Dim(1));
        var x = input.Span;
        var ys = y.Span;
        for (int i = 0; i < nc; i++) ys[i] = System.Numerics.Tensors.TensorPrimitives.Sum(x.Slice(i * inner, inner)) / inner;
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int nc = input.Dim(0) * input.Dim(1), inner = input.Length / nc;
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        var dxs = dx.Span;
        var dy = gradOutput.Span;
        for (int i = 0; i < nc; i++) dxs.Slice(i * inner, inner).Fill(dy[i] / inner);
        return dx;
    }
}
