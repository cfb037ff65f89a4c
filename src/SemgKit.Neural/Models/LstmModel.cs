using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "lstm": a sequence of per-frame features (N, T, F) → LSTM(F, H) → last hidden state → Dense(H, K) → logits.
/// The peer benchmark's <c>LstmClassifier</c> (models.py, T = 50 frames of F = 32 = 8 channels × 4 time-domain features, H = 64).
/// </summary>
/// <remarks>State names: <c>0.weight_ih_l0 … 0.bias_hh_l0</c> (PyTorch <c>lstm.*</c>), <c>1.weight</c>, <c>1.bias</c> (<c>fc.*</c>).
/// Parameters for F = 32, H = 64, K = 4: 25,348 (as PyTorch).</remarks>
public static class LstmModel
{
    public const string Name = "lstm";

    /// <param name="features">F, values per frame.</param>
    /// <param name="classes">K.</param>
    /// <param name="hidden">H, LSTM width.</param>
    /// <param name="seed">Seed of the deterministic initialisation.</param>
    public static Sequential Create(int features = 32, int classes = 4, int hidden = 64, ulong seed = 0)
    {
        var model = new Sequential(
            new Lstm(features, hidden, output: RecurrentOutput.LastStep) { ComputeInputGradient = false }, // (N, T, F) → (N, H)
            new Dense(hidden, classes));                                  // → (N, K)
        model.Initialize(seed);
        return model;
    }
}
