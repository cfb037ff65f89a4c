using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// <c>spectrogram-cnn</c> (the lower-limb exoskeleton paper; PyTorch twin <c>SpectroCnn</c> in shared/peers/models.py):
/// three blocks Conv2d(3×3, padding 1)–BatchNorm2d–ReLU–MaxPool2d(2) with 32, 64 and 64 filters, then Flatten → Dense K.
/// Input (N, C, F, T) STFT magnitudes; for (16, 129, 30) the blocks give 129×30 → 64×15 → 32×7 → 16×3, the flattened
/// size is 64·16·3 = 3072 and, with K = 3, the model has 69,603 parameters (as PyTorch's).
/// The first convolution skips its input gradient (the data needs none), like PyTorch's autograd.
/// </summary>
public static class SpectrogramCnn
{
    public const string Name = "spectrogram-cnn";

    public static Sequential Create(int channels = 16, int bins = 129, int frames = 30, int classes = 3, ulong seed = 0)
    {
        int h = bins, w = frames;
        for (int i = 0; i < 3; i++) (h, w) = (h / 2, w / 2);
        if (h < 1 || w < 1) throw new ArgumentException($"spectrogram-cnn needs at least 8 × 8 spectrograms, got {bins} × {frames}.");
        var model = new Sequential(
            new ConvBlock(new Conv2d(channels, 32, 3, padding: 1) { ComputeInputGradient = false }, new BatchNorm2d(32), new MaxPool2d(2)),
            new ConvBlock(new Conv2d(32, 64, 3, padding: 1), new BatchNorm2d(64), new MaxPool2d(2)),
            new ConvBlock(new Conv2d(64, 64, 3, padding: 1), new BatchNorm2d(64), new MaxPool2d(2)),
            new Flatten(),
            new Dense(64 * h * w, classes));
        model.Initialize(seed);
        return model;
    }
}
