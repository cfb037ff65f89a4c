using System.Diagnostics.CodeAnalysis;
using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Shared machinery of the 1-D and 2-D (transposed) convolutions. 1-D layers run as 2-D with H = 1 over (N, C, 1, T),
/// which is a free view of (N, C, T); their weights keep PyTorch's shapes.
/// </summary>
public abstract partial class ConvolutionBase : Layer
{
    private protected readonly WindowGeometry Geometry;
    private protected readonly int PadBottom, PadRight, OutPadH, OutPadW;
    private protected readonly bool Is1d, Transposed;
    private protected Tensor? Input, Output, GradInput;

    private protected ConvolutionBase(bool is1d, bool transposed, int inChannels, int outChannels,
        int kernelH, int kernelW, int strideH, int strideW, Padding padding, int dilationH, int dilationW,
        int outPadH, int outPadW, bool bias, Initializer? weightInit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilationH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilationW);
        if (padding.H < 0 || padding.W < 0) throw new ArgumentOutOfRangeException(nameof(padding));
        if (transposed && padding.IsSame) throw new ArgumentException("Transposed convolutions take explicit padding.");
        if (outPadH >= strideH && outPadH >= dilationH || outPadW >= strideW && outPadW >= dilationW || outPadH < 0 || outPadW < 0)
            throw new ArgumentException("Output padding must be smaller than the stride or the dilation (as in PyTorch).");
        Is1d = is1d;
        Transposed = transposed;
        InChannels = inChannels;
        OutChannels = outChannels;
        var (top, bottom) = padding.Resolve(padding.H, kernelH, dilationH, strideH);
        var (left, right) = padding.Resolve(padding.W, kernelW, dilationW, strideW);
        if (is1d) (top, bottom) = (0, 0);
        Geometry = new WindowGeometry(kernelH, kernelW, strideH, strideW, dilationH, dilationW, top, left);
        PadBottom = bottom;
        PadRight = right;
        OutPadH = outPadH;
        OutPadW = outPadW;
        Padding = padding;
        int[] wShape = transposed
            ? (is1d ? [inChannels, outChannels, kernelW] : [inChannels, outChannels, kernelH, kernelW])
            : (is1d ? [outChannels, inChannels, kernelW] : [outChannels, inChannels, kernelH, kernelW]);
        Weight = new Parameter("weight", wShape);
        Bias = bias ? new Parameter("bias", outChannels) : null;
        WeightInit = weightInit;
    }

    /// <summary>The output of the most recent Forward (the layer's own buffer), for fused blocks.</summary>
    internal Tensor? LastOutput => Output;

    /// <summary>A plain 2-D 3×3 convolution with stride and dilation 1, which fused blocks may run by Winograd's algorithm.</summary>
    internal bool IsPlain3x3 => !Is1d && !Transposed && Geometry is { KernelH: 3, KernelW: 3, StrideH: 1, StrideW: 1, DilationH: 1, DilationW: 1 };

    /// <summary>Zero rows above and columns left of the input.</summary>
    internal (int Top, int Left) LeadingPadding => (Geometry.PadTop, Geometry.PadLeft);

    public int InChannels { get; }
    public int OutChannels { get; }
    public Padding Padding { get; }
    public Parameter Weight { get; }
    public Parameter? Bias { get; }

    /// <summary>Weight initialiser; null = PyTorch default (kaiming_uniform(a=√5), i.e. U(±1/√fan_in)).</summary>
    public Initializer? WeightInit { get; }

    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    private protected int KernelArea => Geometry.KernelH * Geometry.KernelW;

    protected override void ResetParameters(Rng rng)
    {
        (WeightInit ?? Initializer.PyTorchDefault).Initialize(Weight.Value, rng);
        if (Bias is not null)
        {
            int fanIn = Initializer.Fans(Weight.Value.Shape).FanIn; // PyTorch: fan_in of the weight (Cout·k for transposed)
            Initializer.Uniform(1 / Math.Sqrt(fanIn)).Initialize(Bias.Value, rng);
        }
    }

    private protected int OutSize(int inSize, int kernel, int stride, int dilation, int before, int after, int outPad)
    {
        if (Transposed) return (inSize - 1) * stride - before - after + dilation * (kernel - 1) + outPad + 1;
        int span = inSize + before + after - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /// <summary>(N, C, H, W) of an input shape; throws on a wrong rank or channel count.</summary>
    private protected (int N, int C, int H, int W) Dims(ReadOnlySpan<int> shape)
    {
        RequireRank(shape, Is1d ? 3 : 4, Is1d ? "(N, C, T)" : "(N, C, H, W)");
        if (shape[1] != InChannels)
            throw new ArgumentException($"{GetType().Name} expects {InChannels} input channels, got {Tensor.ShapeString(shape)}.");
        return Is1d ? (shape[0], shape[1], 1, shape[2]) : (shape[0], shape[1], shape[2], shape[3]);
    }

    private protected (int Ho, int Wo) OutHW(int h, int w)
    {
        int ho = Is1d ? 1 : OutSize(h, Geometry.KernelH, Geometry.StrideH, Geometry.DilationH, Geometry.PadTop, PadBottom, OutPadH);
        int wo = OutSize(w, Geometry.KernelW, Geometry.StrideW, Geometry.DilationW, Geometry.PadLeft, PadRight, OutPadW);
        return (ho, wo);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        var (n, _, h, w) = Dims(inputShape);
        var (ho, wo) = OutHW(h, w);
        if (ho <= 0 || wo <= 0)
            throw new ArgumentException($"{GetType().Name}: input {Tensor.ShapeString(inputShape)} is too small for the kernel.");
        return Is1d ? [n, OutChannels, wo] : [n, OutChannels, ho, wo];
    }

    private protected Tensor Reuse4(ref Tensor? buffer, int n, int c, int h, int w) =>
        Is1d ? Tensor.Reuse(ref buffer, n, c, w) : Tensor.Reuse(ref buffer, n, c, h, w);

    /// <summary><paramref name="buffer"/>, replaced by a new array first when it is null or shorter than <paramref name="length"/>.</summary>
    private protected static T[] GrowTo<T>([NotNull] ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[length];
        return buffer;
    }

    private protected static void AddBias(Span<float> y, ReadOnlySpan<float> bias, int plane)
    {
        for (int c = 0; c < bias.Length; c++) System.Numerics.Tensors.TensorPrimitives.Add(y.Slice(c * plane, plane), bias[c], y.Slice(c * plane, plane));
    }

    private protected static void AccumulateBiasGrad(ReadOnlySpan<float> dy, Span<float> dBias, int plane)
    {
        for (int c = 0; c < dBias.Length; c++) dBias[c] += System.Numerics.Tensors.TensorPrimitives.Sum(dy.Slice(c * plane, plane));
    }
}
