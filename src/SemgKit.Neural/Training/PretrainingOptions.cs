namespace SemgKit.Neural.Training;

/// <summary>Options of <see cref="AutoencoderPretraining.Pretrain"/> (greedy layer-wise convolutional autoencoders).</summary>
public sealed record PretrainingOptions
{
    /// <summary>Epochs of autoencoder training per convolution (each layer gets its own full budget).</summary>
    public int EpochsPerLayer { get; init; } = 10;

    /// <summary>Mini-batch size of the autoencoder training and of the frozen-prefix inference that computes each layer's input.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate (β = 0.9, 0.999; ε = 1e-8), a fresh optimiser per layer.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's L2 weight decay λ (added to the gradient, <c>torch.optim.Adam</c> semantics); 0 = off.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Seed of the decoder initialisation and the mini-batch shuffle: the same seed gives bit-identical weights.</summary>
    public ulong Seed { get; init; }

    /// <summary>Skip the last mini-batch of an epoch when it is smaller than <see cref="BatchSize"/> (as <see cref="TrainerOptions.DropLast"/>).</summary>
    public bool DropLast { get; init; }

    /// <summary>Pre-train at most this many leading convolutions (null = every convolution before the head).</summary>
    public int? MaxLayers { get; init; }
}
