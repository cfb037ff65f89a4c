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
/// (ReLU(max(·) + shift) = max over ReLU(· + shift) because both are monotone). The folded weights are recomputed on
/// every inference call (C_out·C_in·k values), so parameter updates are always seen. Results equal the unfused
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
        if (training || !_pool2x2 || Convolution is not (Conv1d or Conv2d)) return ForwardLayers(input, training);
        return ForwardFused(input);
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
        }
        int[] convShape = _convShape, outShape = _outShape;
        int n = convShape[0], channels = convShape[1];
        int h = _pool1d ? 1 : convShape[2], w = convShape[^1];
        int ho = _pool1d ? 1 : outShape[2], wo = outShape[^1];
        int plane = h * w;
        if (_scratch.Length < n * channels * plane) _scratch = new float[n * channels * plane];
        FoldNorm();
        Convolution.ForwardWith(input, _foldedWeight, null, _scratch);
        var y = Tensor.Reuse(ref _output, outShape);
        var ys = y.Span;
        var src = _scratch.AsSpan();
        for (int p = 0; p < n * channels; p++)
        {
            float shift = _shift[p % channels];
            var inPlane = src.Slice(p * plane, plane);
            var outPlane = ys.Slice(p * ho * wo, ho * wo);
            for (int oy = 0; oy < ho; oy++)
            {
                var dst = outPlane.Slice(oy * wo, wo);
                if (_pool1d) PoolKernels.PairMaxShiftRelu(inPlane, default, dst, shift);
                else PoolKernels.PairMaxShiftRelu(inPlane.Slice(2 * oy * w, w), inPlane.Slice((2 * oy + 1) * w, w), dst, shift);
            }
        }
        return y;
    }

    // W'[o, :] = W[o, :]·s_o, shift_o = β_o + (b_o − μ_o)·s_o with s_o = γ_o / √(σ²_o + ε).
    private void FoldNorm()
    {
        var weight = Convolution.Weight.Value.Span;
        int outChannels = Convolution.OutChannels, perOut = weight.Length / outChannels;
        if (_foldedWeight.Length != weight.Length) _foldedWeight = new float[weight.Length];
        if (_shift.Length != outChannels) _shift = new float[outChannels];
        var gamma = Norm.Weight.Value.Span;
        var beta = Norm.Bias.Value.Span;
        var mean = Norm.RunningMean.Span;
        var variance = Norm.RunningVar.Span;
        var bias = Convolution.Bias is null ? default : Convolution.Bias.Value.Span;
        for (int o = 0; o < outChannels; o++)
        {
            double scale = gamma[o] / Math.Sqrt(variance[o] + Norm.Eps);
            System.Numerics.Tensors.TensorPrimitives.Multiply(weight.Slice(o * perOut, perOut), (float)scale, _foldedWeight.AsSpan(o * perOut, perOut));
            double b = bias.IsEmpty ? 0 : bias[o];
            _shift[o] = (float)(beta[o] + (b - mean[o]) * scale);
        }
    }
}
