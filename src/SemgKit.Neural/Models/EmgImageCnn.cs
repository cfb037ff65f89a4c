using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "emg-image-cnn" (gesture paper's baseline): the conv stack of <see cref="AttentionLstmCnnModel"/> on the EMG image alone, no
/// LSTM and no attention. Input (N, 1, T, C), the EMG image of T frames × C channels (T = 15, C = 10 in the paper).
/// </summary>
/// <remarks>
/// <code>
/// (N, 1, T, C) ─Conv2d(1, 32, (1, C))→ (N, 32, T, 1) ReLU Dropout ─Conv2d(32, 32, 3, same) ReLU Dropout
///   ─Conv2d(32, 64, 5, same) ReLU Dropout ─Conv2d(64, 64, (5, 1), same) ReLU Dropout ─Conv2d(64, K, 1)→ (N, K, T, 1)
///   ─GlobalAveragePool→ (N, K) logits
/// </code>
/// Built by <see cref="AttentionLstmCnnModel.ConvolutionStack"/>, so state names are <c>i.*</c> for PyTorch's <c>cnn.i.*</c>
/// (convolutions at 0, 3, 6, 9, 12). Any number of frames works. Parameters for C = 10, K = 53: 84,853 (as PyTorch).
/// </remarks>
public static class EmgImageCnn
{
    public const string Name = "emg-image-cnn";

    /// <param name="channels">C, EMG channels (the image's width).</param>
    /// <param name="classes">K.</param>
    /// <param name="dropout">Dropout after each hidden convolution (0.5 in the paper; 0 disables it).</param>
    /// <param name="seed">Seed of the deterministic initialisation (and the dropout masks).</param>
    public static Sequential Create(int channels = 10, int classes = 53, float dropout = 0.5f, ulong seed = 0)
    {
        var model = new Sequential(AttentionLstmCnnModel.ConvolutionStack(1, channels, classes, dropout));
        model.Initialize(seed);
        return model;
    }
}
