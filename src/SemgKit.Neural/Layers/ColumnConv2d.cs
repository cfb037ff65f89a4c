using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// A <c>torch.nn.Conv2d</c> (stride 1, dilation 1) whose output is one column wide: (N, C_in, H, W) → (N, C_out, H_out, 1).
/// Two cases occur in practice: a kernel spanning the whole width (<c>Conv2d(P, 32, (1, C))</c> over a T × C image), and a
/// <c>padding="same"</c> convolution over a map that is already one column wide (the k × k convolutions after it). Same weight
/// (C_out, C_in, kH, kW) and bias as <see cref="Conv2d"/>, same names, same default initialisation, same results.
/// </summary>
/// <remarks>
/// Why a separate layer: with W_out = 1 only the kernel columns that meet the input (W of them) ever touch data, so a 5 × 5
/// "same" convolution over a one-column map is really 5 × 1 — <see cref="Conv2d"/>'s generic im2col multiplies the other four
/// columns by padding zeros. This layer packs the live columns once per call into W_c (C_out, C_in·kH·W) and unfolds all samples
/// into one column matrix (C_in·kH·W, N·H_out), so each direction is one SGEMM for the whole batch:
/// Y (C_out, N·H_out) = W_c · col; dW_c = dY · colᵀ; dcol = W_cᵀ · dY.
/// </remarks>
public sealed class ColumnConv2d : Layer
{
    private readonly int _padTop, _padBottom, _padLeft, _padRight;
    private Tensor? _input, _output, _gradInput;
    private float[] _col = [], _packed = [], _y = [], _dPacked = [], _dCol = [];

    public ColumnConv2d(int inChannels, int outChannels, (int H, int W) kernelSize, Padding padding = default, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize.H);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize.W);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Padding = padding;
        (_padTop, _padBottom) = padding.Resolve(padding.H, kernelSize.H, 1, 1);
        (_padLeft, _padRight) = padding.Resolve(padding.W, kernelSize.W, 1, 1);
        Weight = new Parameter("weight", outChannels, inChannels, kernelSize.H, kernelSize.W);
        Bias = bias ? new Parameter("bias", outChannels) : null;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public (int H, int W) KernelSize { get; }
    public Padding Padding { get; }
    public Parameter Weight { get; }
    public Parameter? Bias { get; }

    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    protected override void ResetParameters(Rng rng)
    {
        Initializer.PyTorchDefault.Initialize(Weight.Value, rng);
        if (Bias is not null) Initializer.Uniform(1 / Math.Sqrt(InChannels * KernelSize.H * KernelSize.W)).Initialize(Bias.Value, rng);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length != 4 || inputShape[1] != InChannels)
            throw new ArgumentException($"ColumnConv2d expects (N, {InChannels}, H, W), got {Tensor.ShapeString(inputShape)}.");
        int ho = inputShape[2] + _padTop + _padBottom - KernelSize.H + 1;
        int wo = inputShape[3] + _padLeft + _padRight - KernelSize.W + 1;
        if (wo != 1 || ho < 1)
            throw new ArgumentException($"ColumnConv2d needs an output one column wide; {Tensor.ShapeString(inputShape)} gives {ho} × {wo} (use Conv2d).");
        return [inputShape[0], OutChannels, ho, 1];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.Rank != 4 || input.Dim(1) != InChannels || input.Dim(3) + _padLeft + _padRight - KernelSize.W != 0
            || input.Dim(2) + _padTop + _padBottom - KernelSize.H < 0)
            OutputShape(input.Shape); // throws a clear error
        _input = input;
        int n = input.Dim(0), h = input.Dim(2), w = input.Dim(3), ho = h + _padTop + _padBottom - KernelSize.H + 1;
        int k = InChannels * KernelSize.H * w, cols = n * ho, co = OutChannels;
        Grow(ref _col, k * cols + ColumnConvolution.NarrowColumns); // slack: the narrow product reads whole vectors
        Grow(ref _y, co * cols);
        var col = _col.AsSpan(0, k * cols);
        var yt = _y.AsSpan(0, co * cols);
        var packed = Packed(w, k);
        ColumnConvolution.Unfold(input.Span, n, InChannels, h, w, KernelSize.H, _padTop, ho, col);
        // Y (C_out, N·H_out) = W_c (C_out, K) · col (K, N·H_out)
        if (cols <= ColumnConvolution.NarrowColumns && ColumnConvolution.NarrowSupported)
            ColumnConvolution.MultiplyNarrow(co, k, cols, packed, k, _col, cols, yt, cols);
        else
            Sgemm.Multiply(false, false, co, cols, k, 1f, packed, k, col, cols, 0f, yt, cols, Threads);
        var y = Tensor.Reuse(ref _output, n, co, ho, 1);
        var ys = y.Span;
        for (int b = 0; b < n; b++)
            for (int o = 0; o < co; o++)
            {
                var dst = ys.Slice((b * co + o) * ho, ho);
                yt.Slice(o * cols + b * ho, ho).CopyTo(dst);
                if (Bias is not null) System.Numerics.Tensors.TensorPrimitives.Add(dst, Bias.Value.Span[o], dst);
            }
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int n = input.Dim(0), h = input.Dim(2), w = input.Dim(3), ho = gradOutput.Dim(2);
        int k = InChannels * KernelSize.H * w, cols = n * ho, co = OutChannels;
        var col = _col.AsSpan(0, k * cols);
        var packed = Packed(w, k, repack: false);
        var dyt = _y.AsSpan(0, co * cols); // the forward's (C_out, N·H_out) buffer: the output was already copied out
        var dy = gradOutput.Span;
        for (int b = 0; b < n; b++)
            for (int o = 0; o < co; o++)
                dy.Slice((b * co + o) * ho, ho).CopyTo(dyt.Slice(o * cols + b * ho, ho));
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int o = 0; o < co; o++) db[o] += System.Numerics.Tensors.TensorPrimitives.Sum(dyt.Slice(o * cols, cols));
        }
        // dW_c (C_out, K) = dY (C_out, N·H_out) · colᵀ (N·H_out, K), scattered into the live kernel columns
        if (KernelSize.W == w) // the weight is W_c: accumulate straight into its gradient
            Sgemm.Multiply(false, true, co, k, cols, 1f, dyt, cols, col, cols, 1f, Weight.Grad.Span, k, Threads);
        else
        {
            Grow(ref _dPacked, co * k);
            var dPacked = _dPacked.AsSpan(0, co * k);
            Sgemm.Multiply(false, true, co, k, cols, 1f, dyt, cols, col, cols, 0f, dPacked, k, Threads);
            ColumnConvolution.ScatterAddWeights(dPacked, co, InChannels, KernelSize.H, KernelSize.W, _padLeft, w, Weight.Grad.Span);
        }
        // dcol (K, N·H_out) = W_cᵀ (K, C_out) · dY (C_out, N·H_out), folded back into dx
        Grow(ref _dCol, k * cols);
        var dCol = _dCol.AsSpan(0, k * cols);
        Sgemm.Multiply(true, false, k, cols, co, 1f, packed, k, dyt, cols, 0f, dCol, cols, Threads);
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        ColumnConvolution.Fold(dCol, n, InChannels, h, w, KernelSize.H, _padTop, ho, dx.Span);
        return dx;
    }

    // W_c (C_out, C_in·kH·W): the weight itself when the kernel is exactly W wide, else its live columns packed
    private ReadOnlySpan<float> Packed(int width, int k, bool repack = true)
    {
        if (KernelSize.W == width) return Weight.Value.Span;
        Grow(ref _packed, OutChannels * k);
        var packed = _packed.AsSpan(0, OutChannels * k);
        if (repack) ColumnConvolution.PackWeights(Weight.Value.Span, OutChannels, InChannels, KernelSize.H, KernelSize.W, _padLeft, width, packed);
        return packed;
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
