using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Convolution → BatchNorm → ReLU → MaxPool (kernel = stride = 2, or none), the building block of the CNN models,
/// as one layer with the four as children ("0" conv, "1" norm, "2" ReLU, "3" pool), so state names are
/// "0.weight", "1.running_mean", ….
/// </summary>
/// <remarks>
/// Training runs the children one after another (exactly the unfused layers). Inference (<c>training = false</c>)
/// is fused: the BatchNorm scale γ/√(σ²+ε) is folded into the convolution weights, so one SGEMM per sample is
/// followed by a single vectorised pass applying the shift β + (b − μ)·scale, ReLU and the max-pool
/// (ReLU(max(·) + shift) = max over ReLU(· + shift) because both are monotone). A 2-D 3×3 stride-1 convolution pooled
/// 2×2 runs by Winograd's F(2×2, 3×3) with the pool in its output transform (<see cref="WinogradPooledConvolution"/>).
/// Each inference call compares the parameters and running statistics with those of the last fold, bit for bit, and
/// refolds (and re-transforms) when any differs, so parameter updates are always seen. Results equal the unfused
/// layers up to float rounding; NaN is not propagated through the fused max.
/// </remarks>
public sealed class ConvBlock : Layer
{
    private readonly ReLU _relu = new();
    private readonly bool _pool2x2, _pool1d;
    private Tensor? _output;
    private float[] _scratch = [], _foldedWeight = [], _shift = [];
    private int[]? _shapeFor;
    private int[] _convShape = [], _outShape = [];

    public ConvBlock(ConvolutionBase convolution, BatchNorm norm, PoolingBase? pool = null)
    {
        ArgumentNullException.ThrowIfNull(convolution);
        ArgumentNullException.ThrowIfNull(norm);
        if (norm.Channels != convolution.OutChannels)
            throw new ArgumentException($"BatchNorm has {norm.Channels} channels but the convolution gives {convolution.OutChannels}.");
        if (pool is not null && pool is not (MaxPool1d or MaxPool2d))
            throw new ArgumentException("ConvBlock pools with MaxPool1d or MaxPool2d.", nameof(pool));
        Convolution = convolution;
        Norm = norm;
        Pool = pool;
        _pool1d = pool is MaxPool1d;
        _pool2x2 = pool is not null && pool.KernelW == 2 && pool.StrideW == 2 && (_pool1d || (pool.KernelH == 2 && pool.StrideH == 2));
    }

    /// <summary>
    /// A copy for running inference on another input at the same time as this block (and other copies): it shares the
    /// convolution and norm, so it always sees their current parameters, but has its own buffers, its own convolution
    /// scratch, and runs on the calling thread only. Not part of any model's layer tree.
    /// </summary>
    internal ConvBlock InferencePart() => new(this);

    private ConvBlock(ConvBlock source)
    {
        Convolution = source.Convolution;
        Norm = source.Norm;
        Pool = source.Pool;
        _pool1d = source._pool1d;
        _pool2x2 = source._pool2x2;
        _convScratch = new();
    }

    /// <summary>The convolution's scratch for the fused inference: null for the convolution's own (this block is the model's).</summary>
    private readonly ConvolutionBase.ForwardScratch? _convScratch;

    /// <summary>Inference runs fused (one convolution, then one pass for shift, ReLU and pool), with this block's own buffers.</summary>
    internal bool FusesInference => _pool2x2 && Convolution is Conv1d or Conv2d;

    public ConvolutionBase Convolution { get; }
    public BatchNorm Norm { get; }
    public PoolingBase? Pool { get; }

    public override IEnumerable<KeyValuePair<string, Layer>> Children
    {
        get
        {
            yield return new("0", Convolution);
            yield return new("1", Norm);
            yield return new("2", _relu);
            if (Pool is not null) yield return new("3", Pool);
        }
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        var shape = Convolution.OutputShape(inputShape);
        return Pool is null ? shape : Pool.OutputShape(shape);
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        _fusedTraining = false;
        if (!FusesInference) return ForwardLayers(input, training);
        if (!training) return ForwardFused(input);
        _fusedTraining = true;
        return ForwardFusedTraining(input);
    }

    private bool _fusedTraining;
    private int[]? _trainShapeFor;
    private int[] _trainOutShape = [];
    private Tensor? _trainOutput, _gradConv;
    private int[] _argMax = [];
    private float[] _batchMean = [], _batchInvStd = [], _coefficients = [];
    private float[][] _planes = [];
    private double[] _sumG = [], _sumGCentered = [];
    private Tensor? _passInput, _passGrad; // the tensors of the pass being run (the jobs below read them)

    // Training, fused: z = conv(x); batch statistics of z; then per (sample, channel) plane one pass that normalises it
    // into a cached plane buffer, applies ReLU and max-pools it with PyTorch's arg-max rule. The BatchNorm and ReLU
    // outputs are never stored: backward recomputes what it needs from z and the arg-max. The plane passes (and their
    // sums) run in channel ranges on up to Threads workers; each channel's sums keep the sample order.
    private Tensor ForwardFusedTraining(Tensor input)
    {
        var z = Convolution.Forward(input, training: true);
        int channels = Norm.Channels;
        if (_batchMean.Length != channels)
        {
            _batchMean = new float[channels];
            _batchInvStd = new float[channels];
        }
        Norm.BatchStatistics(z, _batchMean, _batchInvStd);
        if (_trainShapeFor is null || !z.HasShape(_trainShapeFor)) // planned once per shape: a training step allocates nothing
        {
            _trainOutShape = Pool!.OutputShape(z.Shape);
            _trainShapeFor = z.ShapeArray();
        }
        var y = Tensor.Reuse(ref _trainOutput, _trainOutShape);
        if (_argMax.Length < y.Length) _argMax = new int[y.Length];
        int plane = z.Length / (z.Dim(0) * channels), parts = BatchNorm.ChannelParts(channels, z.Length, Threads);
        if (_planes.Length < parts) Array.Resize(ref _planes, parts);
        for (int p = 0; p < parts; p++)
            if (_planes[p] is null || _planes[p].Length < plane + 32) _planes[p] = new float[plane + 32]; // slack: narrow rows pool in whole vectors
        _passInput = z;
        ForkJoin.Run(parts, new PassJob(this, PassKind.NormalizePool), parts);
        _passInput = null;
        return y;
    }

    // Channels [c0, c1) of every sample: normalise, ReLU, max-pool into the output and the arg-max.
    private void NormalizePool(int c0, int c1, float[] buffer)
    {
        var z = _passInput!;
        var y = _trainOutput!;
        int n = z.Dim(0), channels = Norm.Channels, w = z.Dim(-1), plane = z.Length / (n * channels);
        int ho = _pool1d ? 1 : y.Dim(2), wo = y.Dim(-1), pooled = ho * wo;
        var zs = z.Span;
        var ys = y.Span;
        var gamma = Norm.Weight.Value.Span;
        var beta = Norm.Bias.Value.Span;
        var relu = buffer.AsSpan(0, plane);
        var argMax = _argMax.AsSpan();
        for (int s = 0; s < n; s++)
            for (int c = c0; c < c1; c++)
            {
                int p = s * channels + c;
                float mean = _batchMean[c], scale = (float)(gamma[c] * (double)_batchInvStd[c]), shift = beta[c];
                NormKernels.Normalize(zs.Slice(p * plane, plane), mean, scale, shift, relu);
                System.Numerics.Tensors.TensorPrimitives.Max(relu, 0f, relu);
                PoolKernels.MaxPool2Plane(buffer, w, ho, wo, !_pool1d, ys.Slice(p * pooled, pooled), argMax.Slice(p * pooled, pooled), p * plane);
            }
    }

    // Backward, fused: the gradient g reaching BatchNorm's output is dy at each window's arg-max where the pooled value is
    // positive (ReLU active), else 0. BatchNorm's sums Σg and Σg·(z − mean) therefore run over the pooled outputs only;
    // dz = g·scale + (z − mean)·b + c is one vectorised pass plus a scatter at the arg-maxes.
    private Tensor BackwardFusedTraining(Tensor gradOutput)
    {
        var y = Cached(_trainOutput);
        RequireSameShape(gradOutput, y);
        var z = Cached(Convolution.LastOutput);
        int channels = Norm.Channels, n = z.Dim(0), plane = z.Length / (n * channels);
        long m = (long)n * plane;
        Tensor.Reuse(ref _gradConv, z.Shape);
        if (_sumG.Length != channels)
        {
            _sumG = new double[channels];
            _sumGCentered = new double[channels];
            _coefficients = new float[3 * channels];
        }
        int parts = BatchNorm.ChannelParts(channels, z.Length, Threads);
        _passInput = z;
        _passGrad = gradOutput;
        ForkJoin.Run(parts, new PassJob(this, PassKind.GradientSums), parts);
        Norm.GradientCoefficients(_sumG, _sumGCentered, _batchInvStd, m, training: true, _coefficients);
        ForkJoin.Run(parts, new PassJob(this, PassKind.ConvGradient), parts);
        _passInput = null;
        _passGrad = null;
        return Convolution.Backward(_gradConv!);
    }

    // Σg and Σg·(z − mean) of channels [c0, c1), over the samples in order.
    private void GradientSums(int c0, int c1)
    {
        var zs = _passInput!.Span;
        var dy = _passGrad!.Span;
        var ys = _trainOutput!.Span;
        int channels = Norm.Channels, pooled = ys.Length / (_passInput!.Dim(0) * channels), n = _passInput.Dim(0);
        for (int c = c0; c < c1; c++)
        {
            _sumG[c] = 0;
            _sumGCentered[c] = 0;
        }
        for (int s = 0; s < n; s++)
            for (int c = c0; c < c1; c++)
            {
                float mean = _batchMean[c], s0 = 0, s1 = 0;
                int o0 = (s * channels + c) * pooled;
                for (int o = o0; o < o0 + pooled; o++)
                {
                    float g = ActiveGradient(ys[o], dy[o]);
                    s0 += g;
                    s1 += g * (zs[_argMax[o]] - mean);
                }
                _sumG[c] += s0;
                _sumGCentered[c] += s1;
            }
    }

    // dz of channels [c0, c1): (z − mean)·kb + kc everywhere, then + g·ka at the active arg-maxes (dy·0 elsewhere).
    private void ConvGradient(int c0, int c1)
    {
        var z = _passInput!;
        var zs = z.Span;
        var dzs = _gradConv!.Span;
        var dy = _passGrad!.Span;
        var ys = _trainOutput!.Span;
        int channels = Norm.Channels, n = z.Dim(0), plane = z.Length / (n * channels), pooled = ys.Length / (n * channels);
        for (int s = 0; s < n; s++)
            for (int c = c0; c < c1; c++)
            {
                int p = s * channels + c, o0 = p * pooled;
                float ka = _coefficients[3 * c], kb = _coefficients[3 * c + 1], kc = _coefficients[3 * c + 2];
                NormKernels.InputGradient(default, zs.Slice(p * plane, plane), _batchMean[c], 0f, kb, kc, dzs.Slice(p * plane, plane));
                for (int o = o0; o < o0 + pooled; o++)
                    dzs[_argMax[o]] += ActiveGradient(ys[o], dy[o]) * ka; // inactive windows add 0
            }
    }

    // dy where the pooled ReLU output y is positive, else +0, without a branch: the ReLU pattern is unpredictable and the
    // JIT keeps a branch for the conditional inside a loop (block 0 of cnn1d spent 17 of 28 ms of its backward in the two
    // passes below). y ≥ +0 here (a ReLU output), so its bits are positive exactly when y > 0, and −bits >> 31 is the mask.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static float ActiveGradient(float y, float dy) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(dy) & (-BitConverter.SingleToInt32Bits(y) >> 31));

    private enum PassKind { NormalizePool, GradientSums, ConvGradient }

    private readonly struct PassJob(ConvBlock block, PassKind kind) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            int channels = block.Norm.Channels, c0 = part * channels / parts, c1 = (part + 1) * channels / parts;
            switch (kind)
            {
                case PassKind.NormalizePool: block.NormalizePool(c0, c1, block._planes[part]); break;
                case PassKind.GradientSums: block.GradientSums(c0, c1); break;
                default: block.ConvGradient(c0, c1); break;
            }
        }
    }

    private Tensor ForwardLayers(Tensor input, bool training)
    {
        var y = Convolution.Forward(input, training);
        y = Norm.Forward(y, training);
        y = _relu.Forward(y, training);
        return Pool is null ? y : Pool.Forward(y, training);
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        if (_fusedTraining) return BackwardFusedTraining(gradOutput);
        var g = Pool is null ? gradOutput : Pool.Backward(gradOutput);
        g = _relu.Backward(g);
        g = Norm.Backward(g);
        return Convolution.Backward(g);
    }

    private Tensor ForwardFused(Tensor input)
    {
        if (_shapeFor is null || !input.HasShape(_shapeFor))
        {
            _convShape = Convolution.OutputShape(input.Shape);
            _outShape = Pool!.OutputShape(_convShape);
            _shapeFor = input.ShapeArray();
            _winograd = PlanWinograd(input.Shape, _convShape);
            _winogradFilters = false;
        }
        int[] convShape = _convShape, outShape = _outShape;
        int n = convShape[0], channels = convShape[1];
        bool refolded = FoldNorm();
        var y = Tensor.Reuse(ref _output, outShape);
        if (_winograd is { } winograd && (WinogradPath ?? true))
        {
            if (refolded || !_winogradFilters) winograd.SetFilters(_foldedWeight);
            _winogradFilters = true;
            bool parallel = _convScratch is null && winograd.MultiplyAdds * n >= WinogradPooledConvolution.ParallelMinWork;
            winograd.Run(input.Span, n, y.Span, _shift, parallel ? Threads : 1);
            return y;
        }
        int h = _pool1d ? 1 : convShape[2], w = convShape[^1];
        int ho = _pool1d ? 1 : outShape[2], wo = outShape[^1];
        int plane = h * w;
        if (_scratch.Length < n * channels * plane + 32) _scratch = new float[n * channels * plane + 32]; // slack: narrow rows pool in whole vectors
        Convolution.ForwardWith(input, _foldedWeight, null, _scratch, _convScratch, _convScratch is null ? null : 1);
        var ys = y.Span;
        var src = _scratch.AsSpan();
        for (int p = 0; p < n * channels; p++)
            PoolKernels.PairMaxShiftReluPlane(src[(p * plane)..], w, ho, wo, !_pool1d, ys.Slice(p * ho * wo, ho * wo), _shift[p % channels]);
        return y;
    }

    /// <summary>Tests: false runs the fused 2-D 3×3 blocks by direct convolution where Winograd's would run; null = automatic.</summary>
    internal bool? WinogradPath { get; set; }

    private WinogradPooledConvolution? _winograd;
    private bool _winogradFilters; // _winograd holds the transform of the current folded weights

    // 3×3, stride-1 2-D convolutions pooled 2×2 run by Winograd's F(2×2, 3×3) (see WinogradPooledConvolution).
    private WinogradPooledConvolution? PlanWinograd(ReadOnlySpan<int> inputShape, int[] convShape)
    {
        if (!WinogradPooledConvolution.IsSupported || _pool1d || !Convolution.IsPlain3x3 || convShape[2] < 2 || convShape[3] < 2) return null;
        var (top, left) = Convolution.LeadingPadding;
        return new WinogradPooledConvolution(inputShape[1], convShape[1], inputShape[2], inputShape[3], top, left, convShape[2], convShape[3]);
    }

    // W'[o, :] = W[o, :]·s_o, shift_o = β_o + (b_o − μ_o)·s_o with s_o = γ_o / √(σ²_o + ε). Recomputed only when a
    // parameter or running statistic differs from the values of the last fold (compared in full); returns whether it was.
    private bool FoldNorm()
    {
        var weight = Convolution.Weight.Value.Span;
        var gamma = Norm.Weight.Value.Span;
        var beta = Norm.Bias.Value.Span;
        var mean = Norm.RunningMean.Span;
        var variance = Norm.RunningVar.Span;
        var bias = Convolution.Bias is null ? default : Convolution.Bias.Value.Span;
        int length = weight.Length + bias.Length + 4 * gamma.Length;
        if (_foldedFrom.Length == length)
        {
            var from = _foldedFrom.AsSpan();
            if (Same(ref from, weight) && Same(ref from, bias) && Same(ref from, gamma) && Same(ref from, beta) && Same(ref from, mean) && Same(ref from, variance))
                return false;
        }
        int outChannels = Convolution.OutChannels, perOut = weight.Length / outChannels;
        if (_foldedWeight.Length != weight.Length) _foldedWeight = new float[weight.Length];
        if (_shift.Length != outChannels) _shift = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            double scale = gamma[o] / Math.Sqrt(variance[o] + Norm.Eps);
            System.Numerics.Tensors.TensorPrimitives.Multiply(weight.Slice(o * perOut, perOut), (float)scale, _foldedWeight.AsSpan(o * perOut, perOut));
            double b = bias.IsEmpty ? 0 : bias[o];
            _shift[o] = (float)(beta[o] + (b - mean[o]) * scale);
        }
        if (_foldedFrom.Length != length) _foldedFrom = new float[length];
        var to = _foldedFrom.AsSpan();
        Append(ref to, weight);
        Append(ref to, bias);
        Append(ref to, gamma);
        Append(ref to, beta);
        Append(ref to, mean);
        Append(ref to, variance);
        return true;
    }

    private float[] _foldedFrom = []; // the weight, bias, γ, β, running mean and variance of the last fold

    private static void Append(ref Span<float> snapshot, ReadOnlySpan<float> values)
    {
        values.CopyTo(snapshot);
        snapshot = snapshot[values.Length..];
    }

    // Whether the next values of the snapshot have the bits of current (then the fold would be the same); advances it.
    private static bool Same(ref Span<float> snapshot, ReadOnlySpan<float> current)
    {
        bool same = System.Runtime.InteropServices.MemoryMarshal.AsBytes(snapshot[..current.Length])
            .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(current));
        snapshot = snapshot[current.Length..];
        return same;
    }
}
