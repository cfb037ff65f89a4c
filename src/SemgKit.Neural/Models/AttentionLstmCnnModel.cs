using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// "attention-lstm-cnn" (gesture paper, NinaPro DB1 style): two planes (EMG image and wavelet-packet image, T frames × C channels,
/// input (N, P = 2, T = 15, C = 10)) → LSTM over the T frames → Luong attention → Conv2d stack → global average pool → logits
/// (softmax in the loss). Built exactly as the peer benchmark's <c>AttnLstmCnn</c> (models.py). With <c>attention: false</c> it is
/// "lstm-cnn", the paper's ablation: the LSTM outputs go straight to the conv stack.
/// </summary>
/// <remarks>
/// <code>
/// (N, P, T, C) ─Permute(0,2,3,1)→ (N, T, C, P) ─Reshape→ (N, T, C·P)        frame t = its C channels × P planes, channel-major
///   ─LSTM(C·P, C·P), all steps→ (N, T, C·P) ─LuongAttention(all steps)→ c_t = Σ_s softmax_s(h_tᵀ W h_s) h_s, (N, T, C·P)
///                                            (lstm-cnn: no attention, h_t itself)
///   ─Reshape→ (N, T, C, P) ─Permute(0,3,1,2)→ (N, P, T, C)                    back to P planes
///   ─ConvolutionStack: Conv2d(P, 32, (1, C))→ (N, 32, T, 1) ReLU Dropout ─Conv2d(32, 32, 3, same) ReLU Dropout
///   ─Conv2d(32, 64, 5, same) ReLU Dropout ─Conv2d(64, 64, (5, 1), same) ReLU Dropout ─Conv2d(64, K, 1)→ (N, K, T, 1)
///   ─GlobalAveragePool→ (N, K)
/// </code>
/// State names: <c>2.*</c> LSTM (PyTorch <c>lstm.*</c>), <c>3.weight</c> (<c>score.weight</c>), <c>6 + i</c> (<c>cnn.i</c>);
/// lstm-cnn: <c>2.*</c> LSTM, <c>5 + i</c> (<c>cnn.i</c>).
/// Parameters for P = 2, T = 15, C = 10, K = 53: 88,933 (as PyTorch); lstm-cnn 88,533 (no 20 × 20 score matrix). models.py
/// returns softmax probabilities; ours returns the logits before that softmax (use <see cref="Losses.SoftmaxCrossEntropyLoss"/>).
/// <para>Every convolution has a one-column output, so they are <see cref="ColumnConv2d"/> layers (the same weights and results as
/// Conv2d): the 3 × 3 and 5 × 5 "same" kernels over the (T, 1) map only ever touch their centre column, which the generic
/// im2col would multiply by padding zeros.</para>
/// </remarks>
public static class AttentionLstmCnnModel
{
    public const string Name = "attention-lstm-cnn";

    /// <summary>The same model without the attention step (<c>Create(attention: false)</c>).</summary>
    public const string LstmCnnName = "lstm-cnn";

    /// <param name="frames">T, frames per image.</param>
    /// <param name="channels">C, EMG channels.</param>
    /// <param name="classes">K.</param>
    /// <param name="planes">P, image planes.</param>
    /// <param name="dropout">Dropout after each hidden convolution (0.5 in the paper; 0 disables it).</param>
    /// <param name="seed">Seed of the deterministic initialisation (and the dropout masks).</param>
    /// <param name="attention">Whether the Luong attention step runs between the LSTM and the conv stack (false: lstm-cnn).</param>
    public static Sequential Create(int frames = 15, int channels = 10, int classes = 53, int planes = 2, float dropout = 0.5f, ulong seed = 0, bool attention = true)
    {
        int width = channels * planes;
        var model = new Sequential(
            new Permute(0, 2, 3, 1), new Reshape(frames, width),
            new Lstm(width, width, output: RecurrentOutput.AllSteps) { ComputeInputGradient = false }); // the data needs no gradient
        if (attention) model.Add(new LuongAttention(width, AttentionOutput.AllSteps));
        model.Add(new Reshape(frames, channels, planes)).Add(new Permute(0, 3, 1, 2));
        foreach (var layer in ConvolutionStack(planes, channels, classes, dropout)) model.Add(layer);
        model.Initialize(seed);
        return model;
    }

    /// <summary>
    /// The conv stack of the gesture paper's models, (N, P, T, C) → (N, K): Conv2d(P, 32, (1, C)) (collapses the C channels) →
    /// Conv2d(32, 32, 3 × 3, same) → Conv2d(32, 64, 5 × 5, same) → Conv2d(64, 64, (5, 1), same), each followed by ReLU and
    /// Dropout(<paramref name="dropout"/>), → Conv2d(64, K, 1 × 1) → global average pooling over the T frames. 14 layers,
    /// convolutions at offsets 0, 3, 6, 9 and 12 (PyTorch <c>cnn.i</c>); not initialised.
    /// </summary>
    public static Layer[] ConvolutionStack(int planes, int channels, int classes, float dropout) =>
    [
        new ColumnConv2d(planes, 32, (1, channels)), new ReLU(), new Dropout(dropout),
        new ColumnConv2d(32, 32, (3, 3), Padding.Same), new ReLU(), new Dropout(dropout),
        new ColumnConv2d(32, 64, (5, 5), Padding.Same), new ReLU(), new Dropout(dropout),
        new ColumnConv2d(64, 64, (5, 1), Padding.Same), new ReLU(), new Dropout(dropout),
        new ColumnConv2d(64, classes, (1, 1)),
        new GlobalAveragePool(),
    ];
}
