namespace SemgKit.Neural.Models;

/// <summary>A freshly built named architecture and the input shape it expects (without the batch axis).</summary>
public sealed record BuiltModel(string Name, Layer Model, int[] InputShape, int Classes);

/// <summary>
/// One named architecture: builds a model from the data's channel count, window length (1-D models: [T]) or
/// spectrogram shape (2-D models: [F, T]), class count and initialisation seed.
/// </summary>
/// <param name="DefaultChannels">Channels of the reference setup (the PyTorch peer's).</param>
/// <param name="DefaultShape">Length or shape of the reference setup.</param>
/// <param name="DefaultClasses">Classes of the reference setup.</param>
public sealed record ModelArchitecture(
    string Name, string Description, int DefaultChannels, int[] DefaultShape, int DefaultClasses,
    Func<int, int[], int, ulong, BuiltModel> Factory)
{
    /// <summary>Builds the model for the given data dimensions.</summary>
    public BuiltModel Create(int channels, int[] lengthOrShape, int classes, ulong seed = 0) => Factory(channels, lengthOrShape, classes, seed);

    /// <summary>Builds the reference setup (the PyTorch peer's shapes).</summary>
    public BuiltModel CreateDefault(ulong seed = 0) => Create(DefaultChannels, DefaultShape, DefaultClasses, seed);
}

/// <summary>Registry of the named architectures: name → factory (channels, lengthOrShape, classes, seed).</summary>
public static class ModelZoo
{
    private static readonly ModelArchitecture[] Registered =
    [
        // ── Convolutional models (neural-perf) ────────────────────────────────────────────────
        new(Cnn1d.Name, "Conv1d 64/32/10 (k=3) + BN + ReLU + max-pool blocks, Dense 600-100-K", 8, [1022], 4,
            (c, s, k, seed) => new(Cnn1d.Name, Cnn1d.Create(c, One(s, Cnn1d.Name), k, seed), [c, s[0]], k)),
        new(SpectrogramCnn.Name, "Conv2d 3×3 32/64/64 + BN + ReLU + max-pool blocks, Dense K, on (C, F, T) spectrograms", 16, [129, 30], 3,
            (c, s, k, seed) => new(SpectrogramCnn.Name, SpectrogramCnn.Create(c, Two(s, SpectrogramCnn.Name).F, Two(s, SpectrogramCnn.Name).T, k, seed), [c, s[0], s[1]], k)),
        new(LightCnn.Name, "Conv1d 32/64 (k=5) + BN + ReLU + max-pool blocks, 1×1 conv head, global average pooling", 8, [1022], 4,
            (c, s, k, seed) => new(LightCnn.Name, LightCnn.Create(c, One(s, LightCnn.Name), k, seed), [c, s[0]], k)),

        // ── Recurrent / attention models and the EMG-image CNN: channels = features per frame (lstm) or EMG channels ──
        new(LstmModel.Name, "LSTM 64 over per-frame features (N, T, F), last step, Dense K", 32, [50], 4,
            (c, s, k, seed) => new(LstmModel.Name, LstmModel.Create(c, k, seed: seed), [One(s, LstmModel.Name), c], k)),
        new(CnnLstmModel.Name, "cnn1d conv stack, its (10, 126) output as a sequence, LSTM 64, Dense 100, Dense K", 8, [1022], 4,
            (c, s, k, seed) => new(CnnLstmModel.Name, CnnLstmModel.Create(c, One(s, CnnLstmModel.Name), k, seed: seed), [c, s[0]], k)),
        new(CnnLstmMuscleModel.Name, "muscle-paper variant: two Conv1d blocks, Dense per frame, LSTM 64, Dense 32, Dense K", 8, [1022], 4,
            (c, s, k, seed) => new(CnnLstmMuscleModel.Name, CnnLstmMuscleModel.Create(c, One(s, CnnLstmMuscleModel.Name), k, seed: seed), [c, s[0]], k)),
        new(CnnLstmMuscleStftModel.Name, "cnn-lstm-muscle on (C, F, T') spectrograms: the frames' C·F bins as conv channels, two Conv1d blocks without pooling, Dense per frame, LSTM 64, Dense 32, Dense K", 1, [33, 14], 4,
            (c, s, k, seed) => new(CnnLstmMuscleStftModel.Name, CnnLstmMuscleStftModel.Create(c, Two(s, CnnLstmMuscleStftModel.Name).F, Two(s, CnnLstmMuscleStftModel.Name).T, k, seed: seed), [c, s[0], s[1]], k)),
        new(CnnLstmMuscleFreqConvModel.Name, "cnn-lstm-muscle on (C, F, T') spectrograms, convolving along frequency in each frame: two Conv2d 5×1 blocks (16/32) with max-pooling over frequency, Dense per frame, LSTM 64, Dense 32, Dense K", 1, [65, 6], 4,
            (c, s, k, seed) => new(CnnLstmMuscleFreqConvModel.Name, CnnLstmMuscleFreqConvModel.Create(c, Two(s, CnnLstmMuscleFreqConvModel.Name).F, Two(s, CnnLstmMuscleFreqConvModel.Name).T, k, seed: seed), [c, s[0], s[1]], k)),
        new(AttentionLstmCnnModel.Name, "two planes (EMG image + wavelet-packet image, frames × channels): LSTM, Luong attention, Conv2d stack, 1×1 conv head, global average pooling", 10, [15], 53,
            (c, s, k, seed) => new(AttentionLstmCnnModel.Name, AttentionLstmCnnModel.Create(One(s, AttentionLstmCnnModel.Name), c, k, seed: seed), [2, s[0], c], k)),
        new(AttentionLstmCnnModel.LstmCnnName, "attention-lstm-cnn without the attention: two planes (EMG + wavelet-packet image), LSTM, Conv2d stack, 1×1 conv head, global average pooling", 10, [15], 53,
            (c, s, k, seed) => new(AttentionLstmCnnModel.LstmCnnName, AttentionLstmCnnModel.Create(One(s, AttentionLstmCnnModel.LstmCnnName), c, k, seed: seed, attention: false), [2, s[0], c], k)),
        new(EmgImageCnn.Name, "attention-lstm-cnn's Conv2d stack on the EMG image alone (1 plane, frames × channels), 1×1 conv head, global average pooling", 10, [15], 53,
            (c, s, k, seed) => new(EmgImageCnn.Name, EmgImageCnn.Create(c, k, seed: seed), [1, One(s, EmgImageCnn.Name), c], k)),
    ];

    /// <summary>Every registered architecture, in registration order.</summary>
    public static IReadOnlyList<ModelArchitecture> All => Registered;

    /// <summary>The registered names.</summary>
    public static IEnumerable<string> Names => Registered.Select(a => a.Name);

    /// <summary>The architecture called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static ModelArchitecture Get(string name) =>
        Registered.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown architecture '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Builds <paramref name="name"/> for the given data dimensions.</summary>
    public static BuiltModel Create(string name, int channels, int[] lengthOrShape, int classes, ulong seed = 0) =>
        Get(name).Create(channels, lengthOrShape, classes, seed);

    private static int One(int[] shape, string name) => shape is [var t]
        ? t
        : throw new ArgumentException($"{name} takes a window length [T], got [{string.Join(", ", shape)}].");

    private static (int F, int T) Two(int[] shape, string name) => shape is [var f, var t]
        ? (f, t)
        : throw new ArgumentException($"{name} takes a spectrogram shape [F, T], got [{string.Join(", ", shape)}].");
}
