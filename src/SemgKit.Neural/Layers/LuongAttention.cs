using System.Numerics.Tensors;
using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>What <see cref="LuongAttention"/> returns.</summary>
public enum AttentionOutput
{
    /// <summary>Query h_T (the last step): context c = Σ_t α_t h_t, (N, D).</summary>
    Context,

    /// <summary>Query h_T: the attention-weighted sequence α_t·h_t, (N, T, D) — an image for a conv stack after <c>Reshape(1, T, D)</c>.</summary>
    WeightedSequence,

    /// <summary>
    /// Every step is a query (self-attention with the general score): c_t = Σ_s α_ts h_s with α_t· = softmax_s(h_tᵀ W h_s), (N, T, D).
    /// This is what the peer model <c>attn_lstm_cnn</c> (models.py) feeds to its conv stack.
    /// </summary>
    AllSteps,
}

/// <summary>
/// Luong attention with the "general" score over a sequence H (N, T, D) (e.g. LSTM outputs):
/// score(q, h_s) = qᵀ W h_s, α = softmax over s, context = Σ_s α_s h_s. The query is the last step h_T
/// (<see cref="AttentionOutput.Context"/>, <see cref="AttentionOutput.WeightedSequence"/>) or every step
/// (<see cref="AttentionOutput.AllSteps"/>). No extra tanh(W_c[c; h]) layer.
/// </summary>
/// <remarks>
/// <para>Parameter <c>weight</c> (D, D), like <c>nn.Linear(D, D, bias=False)</c> applied to the keys: score = qᵀ (W h_s), so a PyTorch
/// <c>score.weight</c> maps 1:1. Default initialisation (PyTorch's Linear): U(±1/√D).</para>
/// <para>The gesture paper's "LSTM → attention → Conv2d" needs a 2-D map: use <see cref="AttentionOutput.WeightedSequence"/> or
/// <see cref="AttentionOutput.AllSteps"/> and then <c>Reshape(1, T, D)</c> for a (N, 1, T, D) single-plane image, or (as models.py)
/// <c>Reshape(T, C, P)</c> + <c>Permute(0, 3, 1, 2)</c> to undo a frame flattening into P planes of T × C.</para>
/// <para>Computation per sample: U = H·Wᵀ (one SGEMM over all N·T rows), S = Q·Uᵀ (Q = the query rows), α = softmax(S) by rows,
/// C = α·H. Backward: dα = dC·Hᵀ, dS = α ⊙ (dα − rowsum(α ⊙ dα)), dQ = dS·U, dU = dSᵀ·Q, dH += αᵀ·dC (+ dQ on the query rows) + dU·W,
/// dW += dUᵀ·H.</para>
/// </remarks>
public sealed class LuongAttention : Layer
{
    private Tensor? _input, _output, _gradInput;
    private float[] _keys = [], _alpha = [], _gradAlpha = [], _gradKeys = [];

    public LuongAttention(int features, AttentionOutput output = AttentionOutput.Context)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Features = features;
        Output = output;
        Weight = new Parameter("weight", features, features);
    }

    /// <summary>D, the width of each step.</summary>
    public int Features { get; }

    public AttentionOutput Output { get; }

    /// <summary>W of the score qᵀ W h (D, D).</summary>
    public Parameter Weight { get; }

    protected override IEnumerable<Parameter> OwnParameters => [Weight];

    protected override void ResetParameters(Rng rng) => Initializer.PyTorchDefault.Initialize(Weight.Value, rng);

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length != 3 || inputShape[2] != Features || inputShape[1] < 1)
            throw new ArgumentException($"LuongAttention expects (N, T ≥ 1, {Features}), got {Tensor.ShapeString(inputShape)}.");
        return Output == AttentionOutput.Context ? [inputShape[0], Features] : [inputShape[0], inputShape[1], Features];
    }

    private int Queries(int t) => Output == AttentionOutput.AllSteps ? t : 1;

    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.Rank != 3 || input.Dim(2) != Features || input.Dim(1) < 1) OutputShape(input.Shape); // throws a clear error
        _input = input;
        int n = input.Dim(0), t = input.Dim(1), d = Features, q = Queries(t);
        Ensure(ref _keys, n * t * d);
        Ensure(ref _alpha, n * q * t);
        var x = input.Span;
        var keys = _keys.AsSpan(0, n * t * d);
        var alpha = _alpha.AsSpan(0, n * q * t);
        var y = Output == AttentionOutput.Context ? Tensor.Reuse(ref _output, n, d) : Tensor.Reuse(ref _output, n, t, d);
        var ys = y.Span;
        // U (N·T, D) = H (N·T, D) · Wᵀ
        Sgemm.Multiply(false, true, n * t, d, d, 1f, x, d, Weight.Value.Span, d, 0f, keys, d, Threads);
        for (int b = 0; b < n; b++)
        {
            var hb = x.Slice(b * t * d, t * d);
            var ub = keys.Slice(b * t * d, t * d);
            var ab = alpha.Slice(b * q * t, q * t);
            // S (Q, T) = Q (Q, D) · Uᵀ (D, T), Q = the last q rows of H
            Sgemm.Multiply(false, true, q, t, d, 1f, hb[((t - q) * d)..], d, ub, d, 0f, ab, t, Threads);
            for (int r = 0; r < q; r++) StableSoftmax.Apply(ab.Slice(r * t, t), ab.Slice(r * t, t));
            if (Output == AttentionOutput.WeightedSequence)
                for (int s = 0; s < t; s++) TensorPrimitives.Multiply(hb.Slice(s * d, d), ab[s], ys.Slice((b * t + s) * d, d));
            else // C (Q, D) = α (Q, T) · H (T, D)
                Sgemm.Multiply(false, false, q, d, t, 1f, ab, t, hb, d, 0f, ys.Slice(b * q * d, q * d), d, Threads);
        }
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int n = input.Dim(0), t = input.Dim(1), d = Features, q = Queries(t);
        Ensure(ref _gradAlpha, q * t);
        Ensure(ref _gradKeys, n * t * d);
        var x = input.Span;
        var keys = _keys.AsSpan(0, n * t * d);
        var alpha = _alpha.AsSpan(0, n * q * t);
        var dAlpha = _gradAlpha.AsSpan(0, q * t);
        var dKeys = _gradKeys.AsSpan(0, n * t * d);
        var dy = gradOutput.Span;
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        var dxs = dx.Span;
        for (int b = 0; b < n; b++)
        {
            var hb = x.Slice(b * t * d, t * d);
            var ub = keys.Slice(b * t * d, t * d);
            var ab = alpha.Slice(b * q * t, q * t);
            var dhb = dxs.Slice(b * t * d, t * d);
            var dub = dKeys.Slice(b * t * d, t * d);
            if (Output == AttentionOutput.WeightedSequence)
            {
                // y_s = α_s h_s: dα_s = dy_s · h_s, dh_s = α_s dy_s
                for (int s = 0; s < t; s++)
                {
                    var dys = dy.Slice((b * t + s) * d, d);
                    dAlpha[s] = TensorPrimitives.Dot(dys, hb.Slice(s * d, d));
                    TensorPrimitives.Multiply(dys, ab[s], dhb.Slice(s * d, d));
                }
            }
            else
            {
                var dcb = dy.Slice(b * q * d, q * d);
                // dα (Q, T) = dC (Q, D) · Hᵀ (D, T);  dH (T, D) = αᵀ (T, Q) · dC (Q, D)
                Sgemm.Multiply(false, true, q, t, d, 1f, dcb, d, hb, d, 0f, dAlpha, t, Threads);
                Sgemm.Multiply(true, false, t, d, q, 1f, ab, t, dcb, d, 0f, dhb, d, Threads);
            }
            // softmax backward in place: dS = α ⊙ (dα − Σ α dα)
            for (int r = 0; r < q; r++)
            {
                var ar = ab.Slice(r * t, t);
                var gr = dAlpha.Slice(r * t, t);
                float dot = TensorPrimitives.Dot(ar, gr);
                TensorPrimitives.Subtract(gr, dot, gr);
                TensorPrimitives.Multiply(gr, ar, gr);
            }
            // dQ (Q, D) += dS (Q, T) · U (T, D) into the query rows of dH;  dU (T, D) = dSᵀ (T, Q) · Q (Q, D)
            Sgemm.Multiply(false, false, q, d, t, 1f, dAlpha, t, ub, d, 1f, dhb[((t - q) * d)..], d, Threads);
            Sgemm.Multiply(true, false, t, d, q, 1f, dAlpha, t, hb[((t - q) * d)..], d, 0f, dub, d, Threads);
        }
        // U = H·Wᵀ: dH (N·T, D) += dU · W;  dW (D, D) += dUᵀ · H
        Sgemm.Multiply(false, false, n * t, d, d, 1f, dKeys, d, Weight.Value.Span, d, 1f, dxs, d, Threads);
        Sgemm.Multiply(true, false, d, d, n * t, 1f, dKeys, d, x, d, 1f, Weight.Grad.Span, d, Threads);
        return dx;
    }

    private static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
