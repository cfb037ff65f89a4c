using System.Diagnostics;
using System.Globalization;
using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Optimizers;

namespace SemgKit.Neural.Training;

/// <summary>
/// Greedy layer-wise autoencoder pre-training of a model's leading convolutions: each convolution, as an encoder, is
/// trained jointly with a transposed-convolution decoder to reconstruct its own input (MSE, Adam); the encoder weights
/// are kept in the model, the decoder is discarded. Then train the whole classifier as usual (<see cref="Trainer.Fit"/>).
/// </summary>
/// <remarks>
/// <para>Layers: the model's children are walked in order. A <see cref="Conv1d"/>/<see cref="Conv2d"/> starts an encoder
/// that also takes the <see cref="BatchNorm"/> and <see cref="Activation"/> layers directly after it; a
/// <see cref="ConvBlock"/> over a Conv1d/Conv2d is encoded as convolution → BatchNorm → ReLU. Pooling is never part of an
/// encoder: the decoder reconstructs the convolution's input from the pre-pool activation. Pooling, dropout, reshapes and
/// stray BatchNorm/activation layers between convolutions are passed through; the first other layer (Permute, Flatten, Dense,
/// Lstm, GlobalAveragePool, ColumnConv2d, …) ends the walk, so the head is never touched. Nested containers are not entered.</para>
/// <para>Inputs: layer l reconstructs what it sees in the classifier — the output of the already pre-trained earlier
/// layers, pooling included, computed once per layer in inference mode (<c>training = false</c>, batched by
/// <see cref="PretrainingOptions.BatchSize"/>) and held as one (N, C, T) or (N, C, H, W) tensor.</para>
/// <para>Training: the encoder runs in training mode, so a BatchNorm uses batch statistics and its running statistics
/// are updated (they are meaningful afterwards). Convolution bias, BatchNorm γ/β and running statistics of the encoder
/// change; no other tensor of the model does. The decoder initialisation and the shuffle come from
/// <see cref="PretrainingOptions.Seed"/>: the same seed, data and model give bit-identical weights. Batch tensors are
/// reused (steady state allocates only inside the layers' own reuse rules). On cancellation the layers already
/// finished stay pre-trained and the current one keeps its partly trained weights.</para>
/// </remarks>
public static class AutoencoderPretraining
{
    /// <summary>
    /// Pre-trains <paramref name="model"/>'s leading convolutions in place on <paramref name="inputs"/> (N, C, T) or
    /// (N, C, H, W) — the model's own input layout; no labels are needed. Returns the per-layer reconstruction losses.
    /// </summary>
    /// <exception cref="ArgumentException">Empty inputs, invalid options, or inputs that do not fit the model.</exception>
    public static PretrainingReport Pretrain(Sequential model, Tensor inputs, PretrainingOptions options,
        IProgress<PretrainingEpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.EpochsPerLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), "LearningRate must be positive.");
        if (!(options.WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "WeightDecay must be non-negative.");
        if (options.MaxLayers is < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxLayers must be non-negative.");
        if (inputs.Rank < 2 || inputs.Dim(0) == 0) throw new ArgumentException("Pre-training needs a non-empty batch of inputs (N, …).", nameof(inputs));
        model.OutputShape(inputs.Shape); // throws a clear error when the inputs do not fit

        var units = FindUnits(model, options.MaxLayers);
        var clock = Stopwatch.StartNew();
        var rng = new Rng(options.Seed);
        var reports = new List<PretrainedLayerReport>(units.Count);
        var current = inputs;
        int done = 0; // current = output of children [0, done)
        for (int u = 0; u < units.Count; u++)
        {
            current = RunFrozen(model, done, units[u].Index, current, options.BatchSize, cancellationToken);
            done = units[u].Index;
            var losses = TrainUnit(units[u], current, options, rng.Fork(), u + 1, units.Count, progress, clock, cancellationToken);
            reports.Add(new PretrainedLayerReport(units[u].Index, Name(units[u].Index), units[u].Kind, current.Shape[1..].ToArray(), losses));
        }
        return new PretrainingReport(reports, clock.Elapsed);
    }

    /// <summary>
    /// The child indices of <paramref name="model"/> that <see cref="Pretrain"/> would pre-train, in order (a
    /// <see cref="ConvBlock"/>'s index, or a bare convolution's): at most <paramref name="maxLayers"/> (null = all).
    /// </summary>
    public static IReadOnlyList<int> PretrainableLayers(Sequential model, int? maxLayers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. FindUnits(model, maxLayers).Select(u => u.Index)];
    }

    /// <summary>
    /// The decoder of <paramref name="convolution"/> for inputs of shape <paramref name="inputShape"/> (N, C_in, T) or
    /// (N, C_in, H, W), initialised from <paramref name="rng"/> (PyTorch's default for transposed convolutions):
    /// a <see cref="ConvTranspose1d"/>/<see cref="ConvTranspose2d"/> C_out → C_in with the same kernel, stride and dilation,
    /// padding = the convolution's leading padding and output padding = the border lost to the stride, so that
    /// decoder(convolution(x)) has x's shape — e.g. k 3 unpadded: T → T − 2 → T; k 5 padding 2: T → T → T. An
    /// asymmetric "same" padding (odd total) gets a one-sample trailing crop after the transposed convolution.
    /// </summary>
    /// <exception cref="ArgumentException">The convolution is not a Conv1d/Conv2d, or the shape does not fit it.</exception>
    public static Layer CreateDecoder(ConvolutionBase convolution, ReadOnlySpan<int> inputShape, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(convolution);
        ArgumentNullException.ThrowIfNull(rng);
        var outShape = convolution.OutputShape(inputShape);
        var padding = convolution.Padding;
        Layer transposed;
        int cropH = 0, cropW;
        switch (convolution)
        {
            case Conv1d c:
            {
                int before = padding.Resolve(padding.W, c.KernelSize, c.Dilation, c.Stride).Before;
                (int outPad, cropW) = Axis(inputShape[2], outShape[2], c.KernelSize, c.Stride, c.Dilation, before);
                transposed = new ConvTranspose1d(c.OutChannels, c.InChannels, c.KernelSize, c.Stride, before, outPad, c.Dilation);
                break;
            }
            case Conv2d c:
            {
                int beforeH = padding.Resolve(padding.H, c.KernelSize.H, c.Dilation.H, c.Stride.H).Before;
                int beforeW = padding.Resolve(padding.W, c.KernelSize.W, c.Dilation.W, c.Stride.W).Before;
                (int outPadH, cropH) = Axis(inputShape[2], outShape[2], c.KernelSize.H, c.Stride.H, c.Dilation.H, beforeH);
                (int outPadW, cropW) = Axis(inputShape[3], outShape[3], c.KernelSize.W, c.Stride.W, c.Dilation.W, beforeW);
                transposed = new ConvTranspose2d(c.OutChannels, c.InChannels, c.KernelSize, c.Stride, (beforeH, beforeW), (outPadH, outPadW), c.Dilation);
                break;
            }
            default:
                throw new ArgumentException($"Only Conv1d and Conv2d can be pre-trained as autoencoders, not {convolution.GetType().Name}.", nameof(convolution));
        }
        var decoder = cropH == 0 && cropW == 0 ? transposed : new Sequential(transposed, new TrailingCrop(cropH, cropW));
        decoder.SetThreads(convolution.Threads);
        decoder.Initialize(rng);
        return decoder;
    }

    // Output padding and trailing crop of one axis. The transposed convolution with padding = the leading pad maps output
    // position o and tap j to input position o·s − before + j·d, exactly the convolution's, so only the end can differ.
    private static (int OutputPadding, int Crop) Axis(int size, int outSize, int kernel, int stride, int dilation, int before)
    {
        int length = (outSize - 1) * stride - 2 * before + dilation * (kernel - 1) + 1;
        int deficit = size - length;
        if (deficit < 0) return (0, -deficit);
        if (deficit >= stride && deficit >= dilation)
            throw new NotSupportedException($"No transposed convolution reconstructs length {size} from {outSize} (kernel {kernel}, stride {stride}).");
        return (deficit, 0);
    }

    private sealed record Unit(int Index, ConvolutionBase Convolution, Layer[] Encoder, string Kind);

    private static List<Unit> FindUnits(Sequential model, int? maxLayers)
    {
        var units = new List<Unit>();
        int count = model.Count;
        for (int i = 0; i < count && (maxLayers is null || units.Count < maxLayers); i++)
        {
            var layer = model[i];
            if (layer is ConvBlock { Convolution: Conv1d or Conv2d } block)
            {
                units.Add(new Unit(i, block.Convolution, [block.Convolution, block.Norm, new ReLU()], $"ConvBlock({block.Convolution.GetType().Name})"));
                continue;
            }
            if (layer is Conv1d or Conv2d)
            {
                int index = i;
                var encoder = new List<Layer> { layer };
                while (i + 1 < count && model[i + 1] is BatchNorm or Activation) encoder.Add(model[++i]);
                units.Add(new Unit(index, (ConvolutionBase)layer, [.. encoder],
                    string.Join("+", encoder.Select(l => l.GetType().Name))));
                continue;
            }
            if (layer is PoolingBase or Dropout or BatchNorm or Activation or Reshape) continue;
            break;
        }
        return units;
    }

    private static string Name(int index) => index.ToString(CultureInfo.InvariantCulture);

    // Output of children [from, to) of the model over source, in inference mode, batch by batch into one tensor.
    private static Tensor RunFrozen(Sequential model, int from, int to, Tensor source, int batchSize, CancellationToken cancellationToken)
    {
        if (from == to) return source;
        int n = source.Dim(0);
        var shape = source.ShapeArray();
        for (int i = from; i < to; i++) shape = model[i].OutputShape(shape);
        var result = new Tensor(shape);
        int rowIn = source.Length / n, rowOut = result.Length / n;
        var batches = new BatchGather(source);
        for (int start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(batchSize, n - start);
            var x = batches.Contiguous(start, rows);
            for (int i = from; i < to; i++) x = model[i].Forward(x, training: false);
            x.Span.CopyTo(result.Span.Slice(start * rowOut, rows * rowOut));
        }
        return result;
    }

    private static List<double> TrainUnit(Unit unit, Tensor inputs, PretrainingOptions options, Rng rng, int layer, int layers,
        IProgress<PretrainingEpochReport>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var encoder = new Sequential(unit.Encoder); // the model's own layers (shared), trained in place
        var decoder = CreateDecoder(unit.Convolution, inputs.Shape, rng.Fork());
        var optimizer = new Adam([.. encoder.Parameters(), .. decoder.Parameters()], options.LearningRate, weightDecay: options.WeightDecay);
        var loss = new MseLoss();
        var batches = new BatchGather(inputs);
        int n = inputs.Dim(0);
        var order = Enumerable.Range(0, n).ToArray();
        var losses = new List<double>(options.EpochsPerLayer);
        string name = Name(unit.Index);
        bool computeInputGradient = unit.Convolution.ComputeInputGradient;
        unit.Convolution.ComputeInputGradient = false; // the reconstruction target needs no gradient
        try
        {
            for (int epoch = 1; epoch <= options.EpochsPerLayer; epoch++)
            {
                rng.Shuffle(order.AsSpan());
                double sum = 0;
                int seen = 0;
                for (int start = 0; start < n; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (options.DropLast && n - start < options.BatchSize && start > 0) break;
                    var x = batches.Gather(order.AsSpan(start, Math.Min(options.BatchSize, n - start)));
                    var reconstruction = decoder.Forward(encoder.Forward(x, training: true), training: true);
                    sum += loss.Forward(reconstruction, x) * (double)x.Dim(0);
                    seen += x.Dim(0);
                    optimizer.ZeroGrad();
                    encoder.Backward(decoder.Backward(loss.Backward()));
                    optimizer.Step();
                }
                losses.Add(sum / seen);
                progress?.Report(new PretrainingEpochReport(layer, layers, name, epoch, options.EpochsPerLayer, sum / seen, clock.Elapsed));
            }
        }
        finally
        {
            unit.Convolution.ComputeInputGradient = computeInputGradient;
        }
        return losses;
    }

    /// <summary>Reusable batch tensors (one for the full batch size, one for the last, smaller batch).</summary>
    private sealed class BatchGather(Tensor source)
    {
        private readonly int _rowLength = source.Length / source.Dim(0);
        private Tensor? _full, _tail;

        public Tensor Gather(ReadOnlySpan<int> rows)
        {
            var buffer = Buffer(rows.Length);
            var src = source.Span;
            var dst = buffer.Span;
            for (int i = 0; i < rows.Length; i++)
                src.Slice(rows[i] * _rowLength, _rowLength).CopyTo(dst.Slice(i * _rowLength, _rowLength));
            return buffer;
        }

        public Tensor Contiguous(int start, int rows)
        {
            var buffer = Buffer(rows);
            source.Span.Slice(start * _rowLength, rows * _rowLength).CopyTo(buffer.Span);
            return buffer;
        }

        private Tensor Buffer(int rows)
        {
            bool tail = _full is not null && _full.Dim(0) != rows;
            ref var buffer = ref tail ? ref _tail : ref _full;
            if (buffer is null || buffer.Dim(0) != rows)
            {
                var shape = source.ShapeArray();
                shape[0] = rows;
                buffer = new Tensor(shape);
            }
            return buffer!;
        }
    }
}
