namespace SemgKit.Pipeline.Models;

/// <summary>
/// How a network in the pipeline is trained (<see cref="NetworkClassifier.Fit"/>): AdamW with cosine annealing,
/// mini-batches with seeded shuffling, early stopping on a validation split of held-out training recordings (never
/// windows), and optional layer-wise autoencoder pre-training of the convolution layers.
/// </summary>
public sealed record NetworkTrainingOptions
{
    /// <summary>Maximum epochs.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Initial learning rate (AdamW), annealed by a cosine schedule to 1 % of it over <see cref="Epochs"/>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decoupled weight decay of AdamW.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Share of training recordings held out to monitor the loss for early stopping (0 = none: monitor the training loss).</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>Stop after this many epochs without a better monitored loss and keep the best weights; 0 = train all epochs (keeping the best).</summary>
    public int Patience { get; init; } = 8;

    /// <summary>Cross-entropy label smoothing.</summary>
    public float LabelSmoothing { get; init; }

    /// <summary>Layer-wise autoencoder pre-training of the convolution layers before supervised training.</summary>
    public bool Pretrain { get; init; }

    /// <summary>Epochs of pre-training per convolution layer.</summary>
    public int PretrainEpochs { get; init; } = 5;

    /// <summary>Epochs of the population network (<c>+population</c>: trained once on every fold's training recordings, then fine-tuned per fold for <see cref="Epochs"/>).</summary>
    public int PopulationEpochs { get; init; } = 30;

    /// <summary>Mini-batch size of the population network (its training set is every fold's: larger batches than a fold's).</summary>
    public int PopulationBatchSize { get; init; } = 64;

    /// <summary>Threads for training (inference always runs on the calling thread).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Progress per epoch (e.g. for a progress bar); null for none.</summary>
    public IProgress<Neural.Training.EpochReport>? Progress { get; init; }

    /// <summary>Checks the values; throws <see cref="SemgException"/> naming the first bad one.</summary>
    public NetworkTrainingOptions Validated()
    {
        if (Epochs < 1) throw new SemgException($"--epochs {Epochs}: at least 1");
        if (BatchSize < 1) throw new SemgException($"--batch-size {BatchSize}: at least 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new SemgException($"--learning-rate {LearningRate}: must be positive");
        if (!(WeightDecay >= 0)) throw new SemgException($"weight decay {WeightDecay}: must be ≥ 0");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new SemgException($"validation fraction {ValidationFraction}: must be in [0, 1)");
        if (Patience < 0) throw new SemgException($"--patience {Patience}: must be ≥ 0");
        if (PopulationEpochs < 1) throw new SemgException($"population epochs {PopulationEpochs}: at least 1");
        if (PopulationBatchSize < 1) throw new SemgException($"population batch size {PopulationBatchSize}: at least 1");
        if (PretrainEpochs < 1) throw new SemgException($"--pretrain-epochs {PretrainEpochs}: at least 1");
        if (Threads < 1) throw new SemgException($"--threads {Threads}: at least 1");
        return this;
    }
}
