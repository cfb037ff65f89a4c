using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// <c>light-cnn</c>: a small fully convolutional classifier (no dense layer; not in the peers' models.py, designed here):
/// Conv1d(C, 32, 5)–BatchNorm1d–ReLU–MaxPool1d(2) → Conv1d(32, 64, 5)–BatchNorm1d–ReLU–MaxPool1d(2) →
/// Conv1d(64, K, 1) (the 1×1 "head") → global average pooling over time → (N, K) scores.
/// Any window length ≥ 16 works; with C = 8 and K = 4 it has 12,068 parameters. Its PyTorch twin lives in
/// tests/golden/neural/make_model_fixtures.py.
/// The first convolution skips its input gradient (the data needs none), like PyTorch's autograd.
/// </summary>
public static class LightCnn
{
    public const string Name = "light-cnn";

    public static Sequential Create(int channels = 8, int length = 1022, int classes = 4, ulong seed = 0)
    {
        if ((((length - 4) / 2) - 4) / 2 < 1) throw new ArgumentException($"light-cnn needs windows of at least 16 samples, got {length}.", nameof(length));
        var model = new Sequential(
            new ConvBlock(new Conv1d(channels, 32, 5) { ComputeInputGradient = false }, new BatchNorm1d(32), new MaxPool1d(2)),
            new ConvBlock(new Conv1d(32, 64, 5), new BatchNorm1d(64), new MaxPool1d(2)),
            new Conv1d(64, classes, 1),
            new GlobalAveragePool());
        model.Initialize(seed);
        return model;
    }
}
