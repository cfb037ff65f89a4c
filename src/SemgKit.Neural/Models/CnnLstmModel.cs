using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "cnn-lstm": the cnn1d convolution stack over raw EMG (N, C, T) → its (N, 10, T') output read as T' steps of 10 features
/// → LSTM(10, H) → last hidden state → Dense(H, 100) → ReLU → Dense(100, K) → logits. The peer benchmark's <c>CnnLstm</c>
/// (models.py: C = 8, T = 1022 → T' = 126, H = 64, K = 4).
/// </summary>
/// <remarks>State names: <c>0 … 11</c> the conv stack (PyTorch <c>features.body.0 … 11</c>), <c>13.*</c> the LSTM (<c>lstm.*</c>),
/// <c>14.*</c>, <c>16.*</c> the head (<c>head.0.*</c>, <c>head.2.*</c>). Parameters for C = 8, K = 4: 35,318 (as PyTorch).</remarks>
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
/// (models.py <c>Cnn1dFeatures</c>: (N, 8, 1022) → (N, 10, 126) for widths 64, 32, 10). A private twin of the cnn1d stack, so the
/// recurrent models do not depend on the CNN registry.
/// </summary>
internal static class ConvStack1d
{
    public static IEnumerable<Layer> Layers(int channels, int[] widths, int kernelSize = 3, int padding = 0, bool pool = true)
    {
        int c = channels;
        foreach (int w in widths)
        {
            yield return new Conv1d(c, w, kernelSize, padding: padding);
            yield return new BatchNorm1d(w);
            yield return new ReLU();
            if (pool) yield return new MaxPool1d(2);
            c = w;
        }
    }
}
