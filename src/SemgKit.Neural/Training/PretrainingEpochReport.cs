namespace SemgKit.Neural.Training;

/// <summary>
/// Progress of <see cref="AutoencoderPretraining.Pretrain"/>: one epoch of one layer's autoencoder.
/// <paramref name="Layer"/> counts the pre-trained convolutions from 1 to <paramref name="Layers"/>; <paramref name="Name"/> is
/// the layer's child name in the model (its state prefix, e.g. "0" for "0.weight"); <paramref name="ReconstructionLoss"/> is the
/// epoch's mean training MSE; <paramref name="Elapsed"/> counts from the start of the whole pre-training.
/// </summary>
public sealed record PretrainingEpochReport(int Layer, int Layers, string Name, int Epoch, int Epochs, double ReconstructionLoss, TimeSpan Elapsed);
