namespace SemgKit.Neural.Layers;

/// <summary>
/// 1-D convolution, <c>torch.nn.Conv1d</c>: (N, C_in, T) → (N, C_out, T_out) with
/// T_out = ⌊(T + padBefore + padAfter − d·(k−1) − 1) / s⌋ + 1. Weight (C_out, C_in, k), bias (C_out). Stride 1 on AVX-512 without im2col (shifted runs of the padded input), otherwise im2col + SGEMM.
/// </summary>
/// <remarks>Default initialisation (PyTorch): weight kaiming_uniform(a=√5) = U(±1/√(C_in·k)), bias U(±1/√(C_in·k)).</remarks>
public sealed class Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, Padding padding = default, int dilation = 1, bool bias = true, Initializer? weightInit = null)
    : ConvolutionBase(true, false, inChannels, outChannels, 1, kernelSize, 1, stride, padding, 1, dilation, 0, 0, bias, weightInit)
{
    public int KernelSize => Geometry.KernelW;
    public int Stride => Geometry.StrideW;
    public int Dilation => Geometry.DilationW;
}

/// <summary>
/// 2-D convolution, <c>torch.nn.Conv2d</c>: (N, C_in, H, W) → (N, C_out, H_out, W_out). Weight (C_out, C_in, kH, kW), bias (C_out).
/// Padding per axis or <see cref="Padding.Same"/>. Stride 1 on AVX-512 without im2col (shifted runs of the padded input), otherwise im2col + SGEMM.
/// </summary>
/// <remarks>Default initialisation (PyTorch): weight kaiming_uniform(a=√5) = U(±1/√(C_in·kH·kW)), bias the same bound.</remarks>
public sealed class Conv2d : ConvolutionBase
{
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, Padding padding = default, int dilation = 1, bool bias = true, Initializer? weightInit = null)
        : base(false, false, inChannels, outChannels, kernelSize, kernelSize, stride, stride, padding, dilation, dilation, 0, 0, bias, weightInit)
    {
    }

    public Conv2d(int inChannels, int outChannels, (int H, int W) kernelSize, (int H, int W) stride, Padding padding, (int H, int W) dilation, bool bias = true, Initializer? weightInit = null)
        : base(false, false, inChannels, outChannels, kernelSize.H, kernelSize.W, stride.H, stride.W, padding, dilation.H, dilation.W, 0, 0, bias, weightInit)
    {
    }

    public (int H, int W) KernelSize => (Geometry.KernelH, Geometry.KernelW);
    public (int H, int W) Stride => (Geometry.StrideH, Geometry.StrideW);
    public (int H, int W) Dilation => (Geometry.DilationH, Geometry.DilationW);
}

/// <summary>
/// 1-D transposed convolution, <c>torch.nn.ConvTranspose1d</c>: (N, C_in, T) → (N, C_out, (T−1)·s − 2p + d·(k−1) + outputPadding + 1).
/// Weight (C_in, C_out, k), bias (C_out).
/// </summary>
/// <remarks>Default initialisation (PyTorch): kaiming_uniform(a=√5) with fan_in = C_out·k (PyTorch's fan of this weight layout); bias U(±1/√(C_out·k)).</remarks>
public sealed class ConvTranspose1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, bool bias = true, Initializer? weightInit = null)
    : ConvolutionBase(true, true, inChannels, outChannels, 1, kernelSize, 1, stride, padding, 1, dilation, 0, outputPadding, bias, weightInit)
{
    public int KernelSize => Geometry.KernelW;
    public int Stride => Geometry.StrideW;
}

/// <summary>
/// 2-D transposed convolution, <c>torch.nn.ConvTranspose2d</c>: (N, C_in, H, W) → (N, C_out, H_out, W_out),
/// H_out = (H−1)·s − 2p + d·(k−1) + outputPadding + 1. Weight (C_in, C_out, kH, kW), bias (C_out).
/// </summary>
/// <remarks>Default initialisation (PyTorch): kaiming_uniform(a=√5) with fan_in = C_out·kH·kW; bias U(±1/√(C_out·kH·kW)).</remarks>
public sealed class ConvTranspose2d : ConvolutionBase
{
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, bool bias = true, Initializer? weightInit = null)
        : base(false, true, inChannels, outChannels, kernelSize, kernelSize, stride, stride, padding, dilation, dilation, outputPadding, outputPadding, bias, weightInit)
    {
    }

    public ConvTranspose2d(int inChannels, int outChannels, (int H, int W) kernelSize, (int H, int W) stride, (int H, int W) padding, (int H, int W) outputPadding, (int H, int W) dilation, bool bias = true, Initializer? weightInit = null)
        : base(false, true, inChannels, outChannels, kernelSize.H, kernelSize.W, stride.H, stride.W, new Padding(padding.H, padding.W), dilation.H, dilation.W, outputPadding.H, outputPadding.W, bias, weightInit)
    {
    }
}
