using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// <c>cnn1d</c> (the lower-limb seed paper; PyTorch twin <c>Cnn1d</c> in shared/peers/models.py):
/// three blocks Conv1d(k=3, no padding)–BatchNorm1d–ReLU–MaxPool1d(2) with 64, 32 and 10 filters, then
/// Flatten → Dense 600 → ReLU → Dense 100 → ReLU → Dense K. Input (N, C, T); for T = 1022 the flattened size is
/// 10 × 126 = 1260 and, with C = 8 and K = 4, the model has 826,062 parameters (as PyTorch's).
/// The first convolution skips its input gradient (the data needs none), like PyTorch's autograd.
/// </summary>
public static class Cnn1d
{
    public const string Name = "cnn1d";

    /// <summary>Builds the model for <paramref name="channels"/> × <paramref name="length"/> windows and <paramref name="classes"/> classes.</summary>
    public static Sequential Create(int channels = 8, int length = 1022, int classes = 4, ulong seed = 0)
    {
        int t = length;
        for (int i = 0; i < 3; i++) t = (t - 2) / 2;
        if (t < 1) throw new ArgumentException($"cnn1d needs windows of at least 22 samples, got {length}.", nameof(length));
        var model = new Sequential(
            new ConvBlock(new Conv1d(channels, 64, 3) { ComputeInputGradient = false }, new BatchNorm1d(64), new MaxPool1d(2)),
            new ConvBlock(new Conv1d(64, 32, 3), new BatchNorm1d(32), new MaxPool1d(2)),
            new ConvBlock(new Conv1d(32, 10, 3), new BatchNorm1d(10), new MaxPool1d(2)),
            new Flatten(),
            new Dense(10 * t, 600), new ReLU(),
            new Dense(600, 100), new ReLU(),
            new Dense(100, classes));
        model.Initialize(seed);
        return model;
    }
}
