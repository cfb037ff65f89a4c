namespace SemgKit.Neural.Training;

/// <summary>
/// One pre-trained convolution: <paramref name="Index"/> and <paramref name="Name"/> locate it among the model's children
/// (Name is the state prefix, e.g. "4" for "4.weight" or, in a <see cref="Layers.ConvBlock"/>, "0" for "0.0.weight");
/// <paramref name="Kind"/> describes the encoder ("Conv1d", "Conv1d+BatchNorm1d+ReLU", "ConvBlock(Conv2d)");
/// <paramref name="InputShape"/> is the per-sample shape it reconstructs, (C, T) or (C, H, W);
/// <paramref name="EpochLosses"/> the mean reconstruction MSE of each epoch (training mode, before each step).
/// </summary>
public sealed record PretrainedLayerReport(int Index, string Name, string Kind, IReadOnlyList<int> InputShape, IReadOnlyList<double> EpochLosses)
{
    /// <summary>The last epoch's mean reconstruction MSE (NaN without epochs).</summary>
    public double FinalLoss => EpochLosses.Count == 0 ? double.NaN : EpochLosses[^1];
}
