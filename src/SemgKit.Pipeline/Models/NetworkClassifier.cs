using SemgKit.Learning;
using SemgKit.Neural;
using SemgKit.Neural.Models;
using SemgKit.Neural.Optimizers;
using SemgKit.Neural.Serialization;
using SemgKit.Neural.Training;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// A named network of <see cref="ModelZoo"/> as an <see cref="IClassifier"/>: a window row (raw window, spectrogram, frame
/// features or images, see <see cref="WindowRepresentation"/>) read with <see cref="InputShape"/> → logits → softmax.
/// Prediction runs the batch-1 path on the calling thread and allocates nothing after the first call; not thread-safe
/// (layers own their buffers), so every stream takes its own copy (<see cref="EmgModel.CopyClassifier"/>).
/// </summary>
public sealed class NetworkClassifier : IClassifier
{
    private readonly Tensor _input;
    private readonly float[] _probabilities;

    /// <param name="architecture">A <see cref="ModelZoo"/> name.</param>
    /// <param name="inputShape">The row's shape without the batch axis (the representation's).</param>
    /// <param name="model">The network, built by <see cref="Build"/> for this shape and class count.</param>
    /// <param name="history">Training curves (empty when unknown).</param>
    public NetworkClassifier(string architecture, IReadOnlyList<int> inputShape, int classCount, Layer model, IReadOnlyList<EpochResult> history, bool pretrained)
    {
        ArgumentNullException.ThrowIfNull(model);
        Architecture = architecture;
        InputShape = [.. inputShape];
        ClassCount = classCount;
        Model = model;
        History = history;
        Pretrained = pretrained;
        _input = new Tensor([1, .. InputShape]);
        FeatureCount = _input.Length;
        var output = model.OutputShape(_input.Shape);
        if (output is not [1, var k] || k != classCount)
            throw new ArgumentException($"{architecture} gives output {Tensor.ShapeString(output)} for input {Tensor.ShapeString(_input.Shape)}; expected (1, {classCount})");
        _probabilities = new float[classCount];
    }

    public string Architecture { get; }

    public IReadOnlyList<int> InputShape { get; }

    public int FeatureCount { get; }

    public int ClassCount { get; }

    /// <summary>The network (its weights are the classifier's; do not train it further in place).</summary>
    public Layer Model { get; }

    /// <summary>Per-epoch training curves.</summary>
    public IReadOnlyList<EpochResult> History { get; }

    /// <summary>Whether the convolution layers were initialised by layer-wise autoencoder pre-training.</summary>
    public bool Pretrained { get; }

    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"{features.Length} values, {Architecture} takes {FeatureCount}", nameof(features));
        if (!probabilities.IsEmpty && probabilities.Length != ClassCount)
            throw new ArgumentException($"{probabilities.Length} probabilities for {ClassCount} classes", nameof(probabilities));
        features.CopyTo(_input.Span);
        var logits = Model.Forward(_input, training: false).Span;
        var p = probabilities.IsEmpty ? _probabilities : probabilities;
        Neural.Kernels.StableSoftmax.Apply(logits, p);
        return System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits);
    }

    /// <summary>The window input <paramref name="architecture"/> reads.</summary>
    public static WindowInput InputOf(string architecture) => ModelZoo.Get(architecture).Name switch
    {
        SpectrogramCnn.Name or CnnLstmMuscleStftModel.Name or CnnLstmMuscleFreqConvModel.Name => WindowInput.Spectrogram,
        LstmModel.Name => WindowInput.FrameFeatures,
        AttentionLstmCnnModel.Name or AttentionLstmCnnModel.LstmCnnName => WindowInput.EmgWaveletImage,
        EmgImageCnn.Name => WindowInput.EmgImage,
        _ => WindowInput.Raw,
    };

    /// <summary>Whether <paramref name="name"/> is a <see cref="ModelZoo"/> architecture.</summary>
    public static bool IsArchitecture(string name) => ModelZoo.Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds <paramref name="architecture"/> for rows of <paramref name="inputShape"/> (the shape of <see cref="InputOf"/>'s representation).</summary>
    public static Layer Build(string architecture, IReadOnlyList<int> inputShape, int classCount, ulong seed)
    {
        var arch = ModelZoo.Get(architecture);
        var s = inputShape.ToArray();
        var (channels, lengthOrShape) = (InputOf(arch.Name), s) switch
        {
            (WindowInput.Raw, [var c, var t]) => (c, new[] { t }),
            (WindowInput.Spectrogram, [var c, var f, var t]) => (c, new[] { f, t }),
            (WindowInput.FrameFeatures, [var t, var f]) => (f, new[] { t }),
            (WindowInput.EmgWaveletImage, [2, var t, var c]) => (c, new[] { t }),
            (WindowInput.EmgImage, [1, var t, var c]) => (c, new[] { t }),
            _ => throw new SemgException($"{arch.Name} cannot read inputs of shape [{string.Join(", ", s)}]"),
        };
        BuiltModel built;
        try { built = arch.Create(channels, lengthOrShape, classCount, seed); }
        catch (ArgumentException e) { throw new SemgException($"{arch.Name} for input [{string.Join(", ", s)}]: {e.Message}", e); }
        if (!built.InputShape.SequenceEqual(s))
            throw new SemgException($"{arch.Name} expects input [{string.Join(", ", built.InputShape)}], the representation gives [{string.Join(", ", s)}]");
        return built.Model;
    }

    /// <summary>
    /// Builds and trains <paramref name="architecture"/> on <paramref name="training"/> (rows already standardised, labels
    /// 0..K-1, <see cref="TrainingSet.InputShape"/> set): seeded initialisation, optional autoencoder pre-training, AdamW
    /// with cosine annealing, early stopping on held-out training recordings, best weights kept. With a
    /// <see cref="TrainingSet.Population"/> network the model starts from its weights instead (fine-tuning; no pre-training:
    /// the population network carries it).
    /// </summary>
    public static NetworkClassifier Fit(string architecture, TrainingSet training, NetworkTrainingOptions options, CancellationToken cancellationToken = default)
    {
        options = options.Validated();
        var shape = training.InputShape ?? throw new SemgException($"{architecture}: the training rows carry no input shape (a network needs a raw, spectrogram or image input)");
        int k = training.ClassCount;
        ulong seed = (ulong)(uint)training.Seed;
        var model = Build(architecture, shape, k, seed);
        var start = training.Population?.Inner as NetworkClassifier;
        if (training.Population is not null && start is null)
            throw new SemgException($"{architecture}: the population model is not a network");
        if (start is not null) CopyWeights(start, model, architecture, shape, k);

        var (fitRows, validationRows) = HoldOutRecordings(training, options.ValidationFraction);
        var fit = ToData(training, fitRows, shape);
        var validation = validationRows.Length == 0 ? null : ToData(training, validationRows, shape);

        model.SetThreads(options.Threads);
        try
        {
            if (options.Pretrain && start is null) Pretrain(model, fit.Inputs, options, seed, cancellationToken);
            var trainerOptions = new TrainerOptions
            {
                Epochs = options.Epochs,
                BatchSize = options.BatchSize,
                Optimizer = p => new AdamW(p, options.LearningRate, weightDecay: options.WeightDecay),
                Schedule = LearningRateSchedule.CosineAnnealing(options.Epochs, options.LearningRate / 100),
                EarlyStoppingPatience = options.Patience > 0 ? options.Patience : options.Epochs + 1,
                Seed = seed ^ 0x9E3779B97F4A7C15UL,
                ClassWeights = training.ClassWeights?.Select(w => (float)w).ToArray(),
                DropLast = fit.Count > options.BatchSize,
                LabelSmoothing = options.LabelSmoothing,
            };
            var history = Trainer.Fit(model, fit, validation, trainerOptions, options.Progress, cancellationToken);
            var curves = history.Epochs.Select(e => new EpochResult(e.Epoch, e.TrainLoss, e.TrainAccuracy, e.ValidationLoss ?? double.NaN, e.ValidationAccuracy ?? double.NaN, e.LearningRate)).ToArray();
            return new NetworkClassifier(architecture, shape, k, model, curves, options.Pretrain || start is { Pretrained: true });
        }
        finally
        {
            model.SetThreads(1);
        }
    }

    // The population network's parameters and buffers (batch-norm statistics) into the new model of the same architecture.
    private static void CopyWeights(NetworkClassifier start, Layer model, string architecture, IReadOnlyList<int> shape, int classes)
    {
        if (!start.Architecture.Equals(architecture, StringComparison.OrdinalIgnoreCase) || !start.InputShape.SequenceEqual(shape) || start.ClassCount != classes)
            throw new SemgException($"{architecture} [{string.Join(", ", shape)}] with {classes} classes cannot start from the population's {start.Architecture} [{string.Join(", ", start.InputShape)}] with {start.ClassCount}");
        var source = start.Model.State();
        var target = model.State();
        for (int i = 0; i < target.Count; i++) target[i].Value.CopyFrom(source[i].Value);
    }

    private static void Pretrain(Layer model, Tensor inputs, NetworkTrainingOptions options, ulong seed, CancellationToken cancellationToken)
    {
        if (model is not Neural.Layers.Sequential sequential)
            throw new SemgException("autoencoder pre-training needs a sequential network");
        AutoencoderPretraining.Pretrain(sequential, inputs, new PretrainingOptions
        {
            EpochsPerLayer = options.PretrainEpochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            Seed = seed ^ 0xA5A5A5A5UL,
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Splits row indices into fit and validation by whole recordings (seeded), stratified by each recording's most
    /// frequent class: of a class's n recordings round(n · fraction) validate, at most n − 1, so no class leaves training.
    /// </summary>
    private static (int[] Fit, int[] Validation) HoldOutRecordings(TrainingSet training, double fraction)
    {
        var all = Enumerable.Range(0, training.Labels.Length).ToArray();
        if (fraction <= 0) return (all, []);
        var random = new Random(training.Seed);
        var validation = new HashSet<int>();
        var byClass = all.GroupBy(i => training.Recordings[i])
            .Select(g => (Recording: g.Key, Label: g.GroupBy(i => training.Labels[i]).MaxBy(l => l.Count())!.Key))
            .GroupBy(r => r.Label)
            .OrderBy(g => g.Key);
        foreach (var group in byClass)
        {
            var recordings = group.Select(r => r.Recording).Order().ToArray();
            int held = Math.Min((int)Math.Round(recordings.Length * fraction), recordings.Length - 1);
            if (held < 1) continue;
            random.Shuffle(recordings);
            validation.UnionWith(recordings.Take(held));
        }
        return (all.Where(i => !validation.Contains(training.Recordings[i])).ToArray(), all.Where(i => validation.Contains(training.Recordings[i])).ToArray());
    }

    private static LabeledData ToData(TrainingSet training, int[] rows, IReadOnlyList<int> shape)
    {
        int f = training.X.FeatureCount;
        var data = new float[(long)rows.Length * f];
        for (int i = 0; i < rows.Length; i++) training.X.Row(rows[i]).CopyTo(data.AsSpan(i * f, f));
        return new LabeledData(new Tensor(data, [rows.Length, .. shape]), rows.Select(r => training.Labels[r]).ToArray());
    }

    /// <summary>Writes architecture, shape, classes, history and the weights (<see cref="WeightsFile"/>).</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(Architecture);
        w.Write(InputShape.Count);
        foreach (int d in InputShape) w.Write(d);
        w.Write(ClassCount);
        w.Write(Pretrained);
        w.Write(History.Count);
        foreach (var e in History)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainLoss);
            w.Write(e.TrainAccuracy);
            w.Write(e.ValidationLoss);
            w.Write(e.ValidationAccuracy);
            w.Write(e.LearningRate);
        }
        w.Flush();
        WeightsFile.Save(w.BaseStream, Model.State());
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a strict weight load (missing, unexpected or mis-shaped tensors are named).</summary>
    internal static NetworkClassifier Read(BinaryReader r)
    {
        string architecture = r.ReadString();
        if (!IsArchitecture(architecture))
            throw new InvalidDataException($"unknown network architecture '{architecture}' (known: {string.Join(", ", ModelZoo.Names)})");
        int rank = r.ReadInt32();
        if (rank is < 1 or > 4) throw new InvalidDataException($"network input rank {rank} is invalid");
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = r.ReadInt32();
            if (shape[i] is < 1 or > 1 << 20) throw new InvalidDataException($"network input dimension {shape[i]} is invalid");
        }
        int classes = r.ReadInt32();
        if (classes is < 2 or > 100_000) throw new InvalidDataException($"network class count {classes} is invalid");
        bool pretrained = r.ReadBoolean();
        int epochs = r.ReadInt32();
        if (epochs is < 0 or > 1_000_000) throw new InvalidDataException($"network history of {epochs} epochs is invalid");
        var history = new EpochResult[epochs];
        for (int i = 0; i < epochs; i++)
            history[i] = new EpochResult(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        Layer model;
        try { model = Build(architecture, shape, classes, 0); }
        catch (SemgException e) { throw new InvalidDataException(e.Message, e); }
        WeightsFile.LoadInto(r.BaseStream, model);
        return new NetworkClassifier(architecture, shape, classes, model, history, pretrained);
    }
}
