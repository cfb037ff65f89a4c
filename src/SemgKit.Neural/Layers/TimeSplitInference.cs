using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Batch-1 inference of a 1-D convolution stack that feeds a dense layer — [ConvBlock(Conv1d stride 1 unpadded, max-pool 2)]+
/// → Flatten → Dense → …, as in <c>cnn1d</c> — with the stack split over two cores by time. Each part runs the whole stack
/// on its half of the stack's output steps (its input slice plus the receptive-field halo, in its own copies of the
/// blocks, so its activations stay in its core's cache) and writes its steps of the flattened (channels × steps) output;
/// then, in the same fork-join, each core computes half the dense layer's rows (each streams its own half of the weights:
/// on the Zen 5 host 1.5 MB in 22 µs on each core at once, against 3 MB in 44 µs on one), and the caller runs the layers
/// after it.
/// </summary>
/// <remarks>
/// Splitting each layer over the cores instead (samples, output channels, or output columns) made the cores exchange
/// every activation through the other's cache: on the 2-core Zen 5 host the helper's half of the first convolution took
/// 33 µs against the caller's 15. Here only the input slices and the flattened output cross. Every value is the same sum
/// of the same products in the same order as in the layer-by-layer pass, so the output is bit-identical. Used by <see cref="Sequential"/> at batch 1 with two or more
/// threads when the stack does at least <see cref="MinWork"/> multiply-adds; allocation-free after the first call at a
/// given input length.
/// </remarks>
internal sealed class TimeSplitInference
{
    private const int Parts = 2;

    /// <summary>Fewer multiply-adds than this in the stack run faster on one core than forked (tests lower it).</summary>
    internal long MinWork { get; set; } = 1_000_000;

    private readonly ConvBlock[][] _blocks; // [part][block]: parameter-sharing copies with their own buffers
    private readonly Dense _dense;
    private readonly Layer[] _rest;
    private readonly int _channels;
    private readonly Tensor?[] _inputs = new Tensor?[Parts];
    private readonly int[] _inputStart = new int[Parts], _inputLength = new int[Parts], _outStart = new int[Parts], _outLength = new int[Parts];
    private Tensor? _flat, _denseOutput;
    private int _forLength = -1, _outSteps;
    private bool _applies;

    private TimeSplitInference(ConvBlock[] blocks, Dense dense, Layer[] rest)
    {
        _blocks = [.. Enumerable.Range(0, Parts).Select(_ => blocks.Select(b => b.InferencePart()).ToArray())];
        _dense = dense;
        _rest = rest;
        _channels = blocks[0].Convolution.InChannels;
    }

    /// <summary>The split for <paramref name="model"/>, or null when its layers do not start with such a stack.</summary>
    public static TimeSplitInference? TryCreate(Sequential model)
    {
        var blocks = new List<ConvBlock>();
        int i = 0;
        while (i < model.Count && model[i] is ConvBlock { FusesInference: true, Convolution: Conv1d { Stride: 1, Padding: { IsSame: false, W: 0 } }, Pool: MaxPool1d { KernelW: 2, StrideW: 2 } } block)
        {
            blocks.Add(block);
            i++;
        }
        if (blocks.Count == 0 || i + 1 >= model.Count || model[i] is not Flatten || model[i + 1] is not Dense dense) return null;
        return new TimeSplitInference([.. blocks], dense, [.. model.Layers.Skip(i + 2)]);
    }

    /// <summary>True for one (1, C, T) sample whose stack output feeds the dense layer and is worth splitting.</summary>
    public bool Applies(Tensor input)
    {
        if (input.Rank != 3 || input.Dim(0) != 1 || input.Dim(1) != _channels) return false;
        if (input.Dim(2) != _forLength || MinWork != _plannedMinWork) Plan(input.Dim(2));
        return _applies;
    }

    private long _plannedMinWork = -1;

    // For input length T: the stack's output steps, each part's share [a, a + len) of them, and, walking back through
    // the blocks (pooled [a, b) ← convolution output [2a, 2b) ← its input [2a, 2b + span − 1)), the input slice it needs.
    private void Plan(int length)
    {
        _forLength = length;
        _plannedMinWork = MinWork;
        _applies = false;
        int steps = length;
        long work = 0;
        foreach (var block in _blocks[0])
        {
            var conv = (Conv1d)block.Convolution;
            int convOut = steps - Span(conv) + 1;
            if (convOut < 2) return;
            work += (long)conv.OutChannels * conv.InChannels * conv.KernelSize * convOut;
            steps = convOut / 2;
        }
        int lastChannels = _blocks[0][^1].Convolution.OutChannels;
        if (steps < Parts || lastChannels * steps != _dense.InFeatures || work < MinWork) return;
        _outSteps = steps;
        for (int p = 0; p < Parts; p++)
        {
            int a = p * steps / Parts, b = (p + 1) * steps / Parts;
            _outStart[p] = a;
            _outLength[p] = b - a;
            for (int j = _blocks[0].Length - 1; j >= 0; j--)
            {
                int span = Span((Conv1d)_blocks[0][j].Convolution);
                (a, b) = (2 * a, 2 * b + span - 1);
            }
            _inputStart[p] = a;
            _inputLength[p] = b - a;
            Tensor.Reuse(ref _inputs[p], 1, _channels, b - a);
        }
        Tensor.Reuse(ref _flat, 1, _dense.InFeatures);
        Tensor.Reuse(ref _denseOutput, 1, _dense.OutFeatures);
        _applies = true;
    }

    private static int Span(Conv1d conv) => conv.Dilation * (conv.KernelSize - 1) + 1;

    /// <summary>The model's output for one sample (call <see cref="Applies"/> first).</summary>
    /// <param name="workers">Threads to use (tests pass 1: one thread runs every task).</param>
    public Tensor Forward(Tensor input, int workers = Parts)
    {
        if (!_applies || input.Dim(2) != _forLength) throw new InvalidOperationException("TimeSplitInference.Forward without Applies for this input.");
        _source = input;
        _nextTask = 0;
        _stacksDone = 0;
        ForkJoin.Run(Parts, new Job(this), workers);
        _source = null;
        Tensor x = _denseOutput!;
        foreach (var layer in _rest) x = layer.Forward(x, training: false);
        return x;
    }

    private Tensor? _source;
    private int _nextTask, _stacksDone;

    // Tasks 0 … Parts − 1 run the stack on a part's steps; tasks Parts … 2·Parts − 1 a part's rows of the dense layer, which
    // need every step. Each thread claims tasks in that order until none is left, so a thread that waits for the stacks
    // waits only for tasks that another thread has claimed and is running; one thread alone (the helpers busy) runs all
    // four in turn. A failed stack still counts as done (the fork-join rethrows its exception), so nothing waits forever.
    private void RunTasks()
    {
        int task;
        while ((task = Interlocked.Increment(ref _nextTask) - 1) < 2 * Parts)
        {
            if (task < Parts)
            {
                try
                {
                    RunStack(task);
                }
                finally
                {
                    Interlocked.Increment(ref _stacksDone);
                }
                continue;
            }
            while (Volatile.Read(ref _stacksDone) < Parts)
                for (int i = 0; i < 16; i++) _ = Volatile.Read(ref _nextTask); // no PAUSE: see ForkJoin.PollDelay
            RunDenseRows(task - Parts);
        }
    }

    // Part p: its input slice → its copies of the blocks → (C_last, len) → its steps of each channel's row of the flat input.
    private void RunStack(int p)
    {
        var source = _source!.Span;
        var slice = _inputs[p]!;
        var xs = slice.Span;
        int length = _forLength, start = _inputStart[p], n = _inputLength[p];
        for (int c = 0; c < _channels; c++) source.Slice(c * length + start, n).CopyTo(xs.Slice(c * n, n));
        Tensor y = slice;
        foreach (var block in _blocks[p]) y = block.Forward(y, training: false);
        var ys = y.Span;
        var flat = _flat!.Span;
        int steps = _outLength[p], channels = y.Dim(1);
        for (int c = 0; c < channels; c++) ys.Slice(c * steps, steps).CopyTo(flat.Slice(c * _outSteps + _outStart[p], steps));
    }

    // Rows [r0, r1) of y (1, F_out) = x (1, F_in) · Wᵀ + b, split at a multiple of 4 rows: the unpacked product computes
    // rows four at a time, so each row is the same dot product as in the whole layer's call (bit-identical).
    private void RunDenseRows(int p)
    {
        int rows = _dense.OutFeatures, inFeatures = _dense.InFeatures, split = rows / Parts / 4 * 4;
        int r0 = p == 0 ? 0 : split, r1 = p == 0 ? split : rows;
        if (r1 <= r0) return;
        var y = _denseOutput!.Span.Slice(r0, r1 - r0);
        Sgemm.Multiply(false, true, 1, r1 - r0, inFeatures, 1f, _flat!.Span, inFeatures,
            _dense.Weight.Value.Span.Slice(r0 * inFeatures, (r1 - r0) * inFeatures), inFeatures, 0f, y, r1 - r0, 1);
        if (_dense.Bias is not null) System.Numerics.Tensors.TensorPrimitives.Add(y, _dense.Bias.Value.Span.Slice(r0, r1 - r0), y);
    }

    private readonly struct Job(TimeSplitInference owner) : IForkJoinBody
    {
        public void Run(int part, int parts) => owner.RunTasks();
    }
}
