using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "cnn-lstm-muscle": the muscle-paper variant, two Conv1d blocks → a per-frame Dense → LSTM → Dense → Dense → logits.
/// The paper leaves sizes open; ours:
/// Conv1d(C, 32, 5, pad 2)–BN–ReLU–MaxPool2 → Conv1d(32, 64, 5, pad 2)–BN–ReLU–MaxPool2 → (N, 64, T/4) read as T/4 steps of
/// 64 features → Dense(64, 64)–ReLU per step → LSTM(64, H) last hidden → Dense(H, 32)–ReLU → Dense(32, K).
/// </summary>
/// <remarks>Parameters for C = 8, H = 64, K = 4: 51,460 (the PyTorch twin in the fixture script has the same count).</remarks>
public static class CnnLstmMuscleModel
{
    public const string Name = "cnn-lstm-muscle";

    /// <param name="channels">C, EMG channels.</param>
    /// <param name="lengthSamples">T, samples per window (at least 4).</param>
    /// <param name="classes">K.</param>
    /// <param name="hidden">H, LSTM width.</param>
    /// <param name="seed">Seed of the deterministic initialisation.</param>
    public static Sequential Create(int channels = 8, int lengthSamples = 1022, int classes = 4, int hidden = 64, ulong seed = 0)
    {
        if (lengthSamples < 4) throw new ArgumentException("At least 4 samples per window.", nameof(lengthSamples));
        var model = new Sequential([.. ConvStack1d.Layers(channels, [32, 64], kernelSize: 5, padding: 2), .. Head(64, hidden, classes)]); // (N, 64, T/4) → (N, K)
        model.Initialize(seed);
        return model;
    }

    /// <summary>
    /// The layers after the convolutions, shared with <see cref="CnnLstmMuscleStftModel"/> and
    /// <see cref="CnnLstmMuscleFreqConvModel"/>: (N, D, S) → (N, K).
    /// </summary>
    internal static Layer[] Head(int features, int hidden, int classes) =>
    [
        new Permute(0, 2, 1),                                  // (N, S, D)
        new Dense(features, 64), new ReLU(),                   // per step
        new Lstm(64, hidden, output: RecurrentOutput.LastStep), // (N, H)
        new Dense(hidden, 32), new ReLU(),
        new Dense(32, classes),                                // (N, K)
    ];
}
