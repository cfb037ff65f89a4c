using System.Diagnostics;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Optimizers;

namespace SemgKit.Neural.Training;

/// <summary>Inputs (N, …) with one class label per row.</summary>
public sealed record LabeledData(Tensor Inputs, int[] Labels)
{
    public int Count => Labels.Length;
}

/// <summary>Options of <see cref="Trainer.Fit"/>. Schedules and early stopping are options, not subclasses.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 50;
    public int BatchSize { get; init; } = 32;

    /// <summary>Builds the optimiser over the model's parameters (default Adam, lr 1e-3).</summary>
    public Func<IReadOnlyList<Parameter>, Optimizer> Optimizer { get; init; } = p => new Adam(p, 1e-3);

    /// <summary>Epoch-level learning-rate schedule, or null for a constant rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Clip gradients to this global L2 norm before each step, or null.</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Stop after this many epochs without a better monitored loss and restore the best weights; null = off.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Seed of the mini-batch shuffle.</summary>
    public ulong Seed { get; init; }

    /// <summary>Cross-entropy class weights (null = uniform).</summary>
    public float[]? ClassWeights { get; init; }

    /// <summary>
    /// Skip the last mini-batch of an epoch when it is smaller than <see cref="BatchSize"/> (like DataLoader's drop_last;
    /// useful with BatchNorm, which cannot train on a batch of one).
    /// </summary>
    public bool DropLast { get; init; }

    /// <summary>Cross-entropy label smoothing.</summary>
    public float LabelSmoothing { get; init; }
}

/// <summary>One epoch's losses and accuracies; validation values are null without validation data.</summary>
public sealed record EpochReport(int Epoch, int Epochs, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double LearningRate, TimeSpan Elapsed);

/// <summary>Per-epoch history (for loss curves), the best epoch (by monitored loss) and whether training stopped early.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, int BestEpoch, bool StoppedEarly);

/// <summary>Mini-batch training of a classifier with softmax cross-entropy.</summary>
public static class Trainer
{
    public static TrainingHistory Fit(Layer model, LabeledData train, LabeledData? validation, TrainerOptions options,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (train.Count == 0 || train.Inputs.Dim(0) != train.Count) throw new ArgumentException("Training inputs and labels must be non-empty and of equal count.");
        var parameters = model.Parameters();
        var optimizer = options.Optimizer(parameters);
        var loss = new SoftmaxCrossEntropyLoss(options.ClassWeights, options.LabelSmoothing);
        var batches = new BatchBuffers(train.Inputs);
        var rng = new Rng(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        options.Schedule?.Reset();
        var history = new List<EpochReport>();
        double best = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        List<KeyValuePair<string, Tensor>>? bestState = null;
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order.AsSpan());
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            for (int start = 0; start < train.Count; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (options.DropLast && train.Count - start < options.BatchSize && start > 0) break;
                var (x, y) = batches.Gather(train, order.AsSpan(start, Math.Min(options.BatchSize, train.Count - start)));
                var logits = model.Forward(x, training: true);
                lossSum += loss.Forward(logits, y) * (double)y.Length;
                correct += CountCorrect(logits, y);
                seen += y.Length;
                optimizer.ZeroGrad();
                model.Backward(loss.Backward());
                if (options.ClipGradientNorm is { } maxNorm) GradientClipping.ClipByGlobalNorm(parameters, maxNorm);
                optimizer.Step();
            }
            var (valLoss, valAccuracy) = validation is null ? ((double?)null, (double?)null) : Evaluate(model, validation, loss, options.BatchSize, cancellationToken);
            var report = new EpochReport(epoch, options.Epochs, lossSum / seen, (double)correct / seen, valLoss, valAccuracy, optimizer.LearningRate, clock.Elapsed);
            history.Add(report);
            progress?.Report(report);

            double monitored = valLoss ?? report.TrainLoss;
            if (monitored < best)
            {
                best = monitored;
                bestEpoch = epoch;
                sinceBest = 0;
                if (options.EarlyStoppingPatience is not null) bestState = [.. model.State().Select(s => new KeyValuePair<string, Tensor>(s.Key, s.Value.Clone()))];
            }
            else if (options.EarlyStoppingPatience is { } patience && ++sinceBest >= patience)
            {
                stoppedEarly = true;
                break;
            }
            if (options.Schedule is not null)
                optimizer.LearningRate = options.Schedule.Next(epoch, optimizer.InitialLearningRate, optimizer.LearningRate, monitored);
        }
        if (bestState is not null) WeightsAssign(bestState, model);
        return new TrainingHistory(history, bestEpoch, stoppedEarly);
    }

    /// <summary>Mean cross-entropy and accuracy with <c>training=false</c>.</summary>
    public static (double Loss, double Accuracy) Evaluate(Layer model, LabeledData data, SoftmaxCrossEntropyLoss loss, int batchSize, CancellationToken cancellationToken = default)
    {
        var buffers = new BatchBuffers(data.Inputs);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (x, y) = buffers.Gather(data, indices.AsSpan(start, Math.Min(batchSize, data.Count - start)));
            var logits = model.Forward(x, training: false);
            lossSum += loss.Forward(logits, y) * (double)y.Length;
            correct += CountCorrect(logits, y);
        }
        return (lossSum / data.Count, (double)correct / data.Count);
    }

    private static void WeightsAssign(List<KeyValuePair<string, Tensor>> state, Layer model) => Serialization.WeightsFile.Assign(state, model.State());

    private static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
    {
        int k = logits.Dim(1), correct = 0;
        var z = logits.Span;
        for (int i = 0; i < labels.Length; i++)
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(z.Slice(i * k, k)) == labels[i]) correct++;
        return correct;
    }

    /// <summary>Reusable batch tensors (one per batch size: the full size and the last, smaller one).</summary>
    private sealed class BatchBuffers(Tensor source)
    {
        private readonly int _rowLength = source.Length / Math.Max(1, source.Dim(0));
        private Tensor? _full, _tail;
        private int[] _labelsFull = [], _labelsTail = [];

        public (Tensor X, int[] Y) Gather(LabeledData data, ReadOnlySpan<int> rows)
        {
            bool tail = _full is not null && _full.Dim(0) != rows.Length;
            ref var buffer = ref tail ? ref _tail : ref _full;
            ref var labels = ref tail ? ref _labelsTail : ref _labelsFull;
            if (buffer is null || buffer.Dim(0) != rows.Length)
            {
                var shape = source.ShapeArray();
                shape[0] = rows.Length;
                buffer = new Tensor(shape);
                labels = new int[rows.Length];
            }
            var src = data.Inputs.Span;
            var dst = buffer.Span;
            for (int i = 0; i < rows.Length; i++)
            {
                src.Slice(rows[i] * _rowLength, _rowLength).CopyTo(dst.Slice(i * _rowLength, _rowLength));
                labels[i] = data.Labels[rows[i]];
            }
            return (buffer, labels);
        }
    }
}
