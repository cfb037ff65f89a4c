using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "cnn-lstm": the cnn1d convolution stack over raw EMG (N, C, T) → its (N, 10, T') output read as T' steps of 10 features
/// → LSTM(10, H) → last hidden state → Dense(H, 100) → ReLU → Dense(100, K) → logits. The peer benchmark's <c>CnnLstm</c>
/// (models.py: C = 8, T = 1022 → T' = 126, H = 64, K = 4).
/// </summary>
/// <remarks>State names: <c>0.* … 2.*</c> the conv stack's blocks (PyTorch <c>features.body.0 … 11</c>: block b's <c>b.0</c> conv
/// and <c>b.1</c> norm are <c>4b</c> and <c>4b + 1</c>), <c>4.*</c> the LSTM (<c>lstm.*</c>), <c>5.*</c>, <c>7.*</c> the head
/// (<c>head.0.*</c>, <c>head.2.*</c>). Parameters for C = 8, K = 4: 35,318 (as PyTorch).</remarks>
public static class CnnLstmModel
{
    public const string Name = "cnn-lstm";

    /// <param name="channels">C, EMG channels.</param>
    /// <param name="lengthSamples">T, samples per window (the stack needs at least 22).</param>
    /// <param name="classes">K.</param>
    /// <param name="hidden">H, LSTM width.</param>
    /// <param name="seed">Seed of the deterministic initialisation.</param>
    public static Sequential Create(int channels = 8, int lengthSamples = 1022, int classes = 4, int hidden = 64, ulong seed = 0)
    {
        var model = new Sequential(ConvStack1d.Layers(channels, [64, 32, 10]));
        int steps = model.OutputShape([1, channels, lengthSamples])[2];
        if (steps < 1) throw new ArgumentException($"{lengthSamples} samples are too few for the convolution stack.", nameof(lengthSamples));
        model.Add(new Permute(0, 2, 1))                                 // (N, 10, T') → (N, T', 10)
            .Add(new Lstm(10, hidden, output: RecurrentOutput.LastStep)) // → (N, H)
            .Add(new Dense(hidden, 100)).Add(new ReLU())
            .Add(new Dense(100, classes));                              // → (N, K)
        model.Initialize(seed);
        return model;
    }
}

/// <summary>
/// The seed paper's 1-D convolution blocks, Conv1d(c_in, c_out, k) – BatchNorm1d – ReLU – MaxPool1d(2) per block, no padding
/// (models.py <c>Cnn1dFeatures</c>: (N, 8, 1022) → (N, 10, 126) for widths 64, 32, 10), each a <see cref="ConvBlock"/> (state
/// names "0.0.weight", "0.1.running_mean", …; training and inference run fused where the block pools 2). The first
/// convolution skips its input gradient (the data needs none), like cnn1d's. A private twin of the cnn1d stack, so the
/// recurrent models do not depend on the CNN registry.
/// </summary>
internal static class ConvStack1d
{
    public static IEnumerable<Layer> Layers(int channels, int[] widths, int kernelSize = 3, int padding = 0, bool pool = true)
    {
        for (int i = 0; i < widths.Length; i++)
        {
            var conv = new Conv1d(i == 0 ? channels : widths[i - 1], widths[i], kernelSize, padding: padding) { ComputeInputGradient = i > 0 };
            yield return new ConvBlock(conv, new BatchNorm1d(widths[i]), pool ? new MaxPool1d(2) : null);
        }
    }
}
