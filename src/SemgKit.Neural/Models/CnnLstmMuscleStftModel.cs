using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "cnn-lstm-muscle-stft": <see cref="CnnLstmMuscleModel"/> reading a spectrogram instead of the raw burst. Input (N, C, F, T')
/// — per channel F frequency bins of T' STFT frames, e.g. log power of 64-sample Hann segments — read as T' steps of C·F
/// values: Reshape (N, C·F, T') → Conv1d(C·F, 32, 5, pad 2)–BN–ReLU → Conv1d(32, 64, 5, pad 2)–BN–ReLU (no pooling: the
/// frames are already 32 samples apart) → (N, T', 64) → Dense(64, 64)–ReLU per step → LSTM(64, H) last hidden →
/// Dense(H, 32)–ReLU → Dense(32, K). Layer-wise pre-training treats both convolutions as encoders (the reshape is skipped).
/// </summary>
/// <remarks>
/// Why: on one electrode's 500 ms bursts, a PyTorch twin of cnn-lstm-muscle scored 59 % on the raw samples and 71 % on
/// log spectrogram frames (8 UCI subjects); the spectral shape is what tells the muscles apart (the SVM reads Welch PSD bins).
/// Parameters for C = 1, F = 33, H = 64, K = 4: 55,460 (as the PyTorch twin in the fixture script).
/// </remarks>
public static class CnnLstmMuscleStftModel
{
    public const string Name = "cnn-lstm-muscle-stft";

    /// <param name="channels">C, EMG channels.</param>
    /// <param name="bins">F, frequency bins per frame.</param>
    /// <param name="frames">T', STFT frames (steps).</param>
    /// <param name="classes">K.</param>
    /// <param name="hidden">H, LSTM width.</param>
    /// <param name="seed">Seed of the deterministic initialisation.</param>
    public static Sequential Create(int channels = 1, int bins = 33, int frames = 14, int classes = 4, int hidden = 64, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var model = new Sequential(
        [
            new Reshape(channels * bins, frames),                                                        // (N, C·F, T')
            .. ConvStack1d.Layers(channels * bins, [32, 64], kernelSize: 5, padding: 2, pool: false),      // (N, 64, T')
            .. CnnLstmMuscleModel.Head(64, hidden, classes),                                               // (N, K)
        ]);
        model.Initialize(seed);
        return model;
    }
}
