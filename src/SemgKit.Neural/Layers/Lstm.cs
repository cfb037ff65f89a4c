using System.Numerics.Tensors;
using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>What a recurrent layer returns.</summary>
public enum RecurrentOutput
{
    /// <summary>Every step's hidden state of the last layer: (N, T, H·dirs), like PyTorch's <c>output</c>.</summary>
    AllSteps,

    /// <summary>
    /// The final hidden state of each direction of the last layer: (N, H·dirs), like <c>torch.cat([h_n[-2], h_n[-1]], 1)</c>
    /// for a bidirectional layer (the forward direction's state after step T−1, the reverse direction's after step 0) and
    /// <c>h_n[-1]</c> for a unidirectional one.
    /// </summary>
    LastStep,
}

/// <summary>
/// Long short-term memory, <c>torch.nn.LSTM(F, H, num_layers, batch_first=True, bidirectional)</c>: input (N, T, F), output
/// (N, T, H·dirs) or (N, H·dirs) (see <see cref="RecurrentOutput"/>). Zero initial state. Gate order (i, f, g, o):
/// i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(…), g = tanh(…), o = σ(…), c' = f·c + i·g, h' = o·tanh(c').
/// </summary>
/// <remarks>
/// <para>Parameters per layer l and direction (suffix <c>_reverse</c> for the reverse one), named and shaped as PyTorch's so state
/// dicts map 1:1: <c>weight_ih_l{l}</c> (4H, F_l), <c>weight_hh_l{l}</c> (4H, H), <c>bias_ih_l{l}</c> (4H), <c>bias_hh_l{l}</c> (4H),
/// with F_0 = F and F_l = H·dirs above. Default initialisation (PyTorch): every tensor U(±1/√H).</para>
/// <para>Computation: one SGEMM projects the inputs of all T steps at once ((N·T, F_l)·(F_l, 4H), biases folded in); each step then
/// adds h_{t−1}·W_hhᵀ with one SGEMM (for 4+ rows on AVX-512: <see cref="LstmKernels.MultiplyRows"/>, which reads the weight in
/// place instead of re-packing it every step) and runs one fused SIMD pass for the gates, c and h (<see cref="LstmKernels"/>).
/// Backward through time mirrors it: per step one fused pass and one SGEMM (dh_{t−1} = dgates·W_hh); the weight gradients and the
/// input gradient are three SGEMMs over all steps. Steady state allocates nothing.</para>
/// </remarks>
public sealed class Lstm : Layer
{
    private readonly Parameter[] _weightIh, _weightHh, _biasIh, _biasHh; // index layer·dirs + direction
    private Tensor? _input, _output, _sequenceView, _gradInput;
    private float[][] _gates = [], _cells = [], _sequence = [], _gradSequence = [];
    private float[] _gradGates = [], _stacked = [], _gradWeights = [], _gradHidden = [], _gradCell = [], _gradTop = [], _weightHhT = [];
    private Tensor? _zeroGradInput;
    private readonly float[] _bias;
    private int _n = -1, _t = -1;

    public Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool bidirectional = false, RecurrentOutput output = RecurrentOutput.AllSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bidirectional = bidirectional;
        Output = output;
        int dirs = Directions, count = numLayers * dirs;
        _weightIh = new Parameter[count];
        _weightHh = new Parameter[count];
        _biasIh = new Parameter[count];
        _biasHh = new Parameter[count];
        for (int l = 0; l < numLayers; l++)
            for (int d = 0; d < dirs; d++)
            {
                string suffix = $"_l{l}{(d == 1 ? "_reverse" : "")}";
                int k = l * dirs + d, fl = LayerInputSize(l);
                _weightIh[k] = new Parameter("weight_ih" + suffix, 4 * hiddenSize, fl);
                _weightHh[k] = new Parameter("weight_hh" + suffix, 4 * hiddenSize, hiddenSize);
                _biasIh[k] = new Parameter("bias_ih" + suffix, 4 * hiddenSize);
                _biasHh[k] = new Parameter("bias_hh" + suffix, 4 * hiddenSize);
            }
        _bias = new float[4 * hiddenSize];
    }

    public int InputSize { get; }
    public int HiddenSize { get; }
    public int NumLayers { get; }
    public bool Bidirectional { get; }
    public RecurrentOutput Output { get; }

    /// <summary>1, or 2 when bidirectional.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Width of the output features: H·dirs.</summary>
    public int OutputSize => HiddenSize * Directions;

    private int LayerInputSize(int layer) => layer == 0 ? InputSize : OutputSize;

    /// <summary>
    /// When false (a network's first layer, whose input needs no gradient), Backward skips dLoss/dInput (a third of the
    /// backward multiply-adds for one layer) and returns a zero tensor, like PyTorch's autograd for an input without
    /// <c>requires_grad</c>. Parameter gradients are unaffected. Default true.
    /// </summary>
    public bool ComputeInputGradient { get; set; } = true;

    protected override IEnumerable<Parameter> OwnParameters
    {
        get
        {
            for (int k = 0; k < _weightIh.Length; k++)
            {
                yield return _weightIh[k];
                yield return _weightHh[k];
                yield return _biasIh[k];
                yield return _biasHh[k];
            }
        }
    }

    protected override void ResetParameters(Rng rng)
    {
        var init = Initializer.Uniform(1 / Math.Sqrt(HiddenSize));
        foreach (var p in OwnParameters) init.Initialize(p.Value, rng);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length != 3 || inputShape[2] != InputSize || inputShape[1] < 1)
            throw new ArgumentException($"Lstm expects (N, T ≥ 1, {InputSize}) batch-first, got {Tensor.ShapeString(inputShape)}.");
        return Output == RecurrentOutput.AllSteps ? [inputShape[0], inputShape[1], OutputSize] : [inputShape[0], OutputSize];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.Rank != 3 || input.Dim(2) != InputSize || input.Dim(1) < 1) OutputShape(input.Shape); // throws a clear error
        _input = input;
        int n = input.Dim(0), t = input.Dim(1), h = HiddenSize, dirs = Directions, width = OutputSize;
        EnsureForwardBuffers(n, t);
        for (int l = 0; l < NumLayers; l++)
        {
            ReadOnlySpan<float> x = l == 0 ? input.Span : _sequence[l - 1];
            for (int d = 0; d < dirs; d++) ForwardDirection(l, d, x, n, t);
        }
        var top = _sequence[NumLayers - 1];
        if (Output == RecurrentOutput.AllSteps) return Tensor.ReuseView(ref _sequenceView, top, n, t, width);
        var y = Tensor.Reuse(ref _output, n, width);
        var ys = y.Span;
        for (int s = 0; s < n; s++)
        {
            // forward direction: state after step T−1; reverse direction: state after step 0
            top.AsSpan((s * t + t - 1) * width, h).CopyTo(ys.Slice(s * width, h));
            if (dirs == 2) top.AsSpan(s * t * width + h, h).CopyTo(ys.Slice(s * width + h, h));
        }
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        int n = input.Dim(0), t = input.Dim(1), h = HiddenSize, dirs = Directions, width = OutputSize;
        RequireSameShape(gradOutput, Output == RecurrentOutput.AllSteps ? _sequenceView! : _output!);
        EnsureBackwardBuffers(n, t);
        float[] gradTop;
        if (Output == RecurrentOutput.AllSteps) gradTop = gradOutput.Data;
        else
        {
            var g = _gradTop.AsSpan(0, n * t * width);
            g.Clear();
            var dy = gradOutput.Span;
            for (int s = 0; s < n; s++)
            {
                dy.Slice(s * width, h).CopyTo(g.Slice((s * t + t - 1) * width, h));
                if (dirs == 2) dy.Slice(s * width + h, h).CopyTo(g.Slice(s * t * width + h, h));
            }
            gradTop = _gradTop;
        }
        var dx = ComputeInputGradient ? Tensor.Reuse(ref _gradInput, input.Shape) : Tensor.Reuse(ref _zeroGradInput, input.Shape); // never written: zeros
        for (int l = NumLayers - 1; l >= 0; l--)
        {
            ReadOnlySpan<float> x = l == 0 ? input.Span : _sequence[l - 1];
            Span<float> gradX = l > 0 ? _gradSequence[l - 1] : ComputeInputGradient ? dx.Span : default;
            float[] gradY = l == NumLayers - 1 ? gradTop : _gradSequence[l];
            for (int d = 0; d < dirs; d++) BackwardDirection(l, d, x, gradY, gradX, d == 0 ? 0f : 1f, n, t);
        }
        return dx;
    }

    // One layer, one direction, all steps.
    //   gates (N·T, 4H) = x (N·T, F_l) · W_ihᵀ (F_l, 4H) + b_ih + b_hh
    //   per step t (order t = 0…T−1 forward, T−1…0 reverse; tp = the step before in that order):
    //     gates[:, t] (N, 4H) += h[:, tp] (N, H; stride T·H·dirs in the layer's sequence) · W_hhᵀ (H, 4H)
    //     fused: activations in place, c[:, t] = f·c[:, tp] + i·g, h[:, t] = o·tanh(c[:, t])
    private void ForwardDirection(int layer, int direction, ReadOnlySpan<float> x, int n, int t)
    {
        int k = layer * Directions + direction, h = HiddenSize, h4 = 4 * h, fl = LayerInputSize(layer);
        var gates = _gates[k].AsSpan(0, n * t * h4);
        TensorPrimitives.Add(_biasIh[k].Value.Span, _biasHh[k].Value.Span, _bias);
        for (int r = 0; r < n * t; r++) _bias.CopyTo(gates.Slice(r * h4, h4));
        Sgemm.Multiply(false, true, n * t, h4, fl, 1f, x, fl, _weightIh[k].Value.Span, fl, 1f, gates, h4, Threads);
        // Batches of 4+ rows: the fused row kernel on W_hhᵀ (H, 4H), transposed once here instead of packed at every step.
        bool rowKernel = t > 1 && LstmKernels.CanMultiplyRows(n, h4);
        if (rowKernel)
        {
            var whh = _weightHh[k].Value.Span;
            if (_weightHhT.Length < h * h4) _weightHhT = new float[h * h4];
            for (int r = 0; r < h4; r++)
                for (int c = 0; c < h; c++) _weightHhT[c * h4 + r] = whh[r * h + c];
        }
        int parts = rowKernel ? BatchParts(n, t, h4) : 1;
        if (parts > 1) ForkJoin.Run(parts, new StepJob(this, layer, direction, n, t, null));
        else ForwardSteps(layer, direction, n, t, 0, n, rowKernel);
    }

    // The recurrence of sequences [b0, b1) of the batch, all steps: each row's arithmetic is the same however the batch is
    // split (the row kernel computes every row alike), so split batches give the same bits as one.
    private void ForwardSteps(int layer, int direction, int n, int t, int b0, int b1, bool rowKernel)
    {
        int k = layer * Directions + direction, h = HiddenSize, h4 = 4 * h, width = OutputSize;
        var gates = _gates[k].AsSpan(0, n * t * h4);
        var cells = _cells[k].AsSpan(0, n * t * h);
        var seq = _sequence[layer].AsSpan(0, n * t * width);
        for (int s = 0; s < t; s++)
        {
            int step = direction == 0 ? s : t - 1 - s, prev = direction == 0 ? step - 1 : step + 1;
            if (s > 0 && rowKernel)
                LstmKernels.MultiplyRows(seq[((b0 * t + prev) * width + direction * h)..], t * width, _weightHhT.AsSpan(0, h * h4), gates[((b0 * t + step) * h4)..], t * h4, b1 - b0, h, h4);
            else if (s > 0)
                Sgemm.Multiply(false, true, n, h4, h, 1f, seq[(prev * width + direction * h)..], t * width, _weightHh[k].Value.Span, h, 1f, gates[(step * h4)..], t * h4, Threads);
            for (int b = b0; b < b1; b++)
            {
                int row = b * t + step;
                LstmKernels.ForwardStep(gates.Slice(row * h4, h4), s > 0 ? cells.Slice((b * t + prev) * h, h) : default,
                    cells.Slice(row * h, h), seq.Slice(row * width + direction * h, h));
            }
        }
    }

    /// <summary>
    /// How many parts the recurrence of a batch runs in: up to <see cref="Layer.Threads"/>, each at least 4 sequences (the row
    /// kernel's block) and the whole worth a fork (about 10⁵ multiply-adds of the recurrent products).
    /// </summary>
    private int BatchParts(int n, int t, int h4) => (long)n * t * h4 * HiddenSize < 100_000 ? 1 : Math.Clamp(Math.Min(Threads, n / 4), 1, 2);

    /// <summary>One part of a batch-split recurrence: forward (gradY null) or backward through time.</summary>
    private readonly struct StepJob(Lstm lstm, int layer, int direction, int n, int t, float[]? gradY) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            int b0 = n * part / parts, b1 = n * (part + 1) / parts;
            if (gradY is null) lstm.ForwardSteps(layer, direction, n, t, b0, b1, rowKernel: true);
            else lstm.BackwardSteps(layer, direction, gradY, n, t, b0, b1, rowKernel: true);
        }
    }

    // Backward through time for one layer and direction; steps in the reverse of the forward order.
    //   fused per step: dgates[:, t] from dh = dy[:, t] + dh_rec, dc (carried, ·f), activations, c
    //   dh_rec (N, H) = dgates[:, t] (N, 4H) · W_hh (4H, H)
    //   [dW_hh | dW_ih] (4H, H + F_l) += dgatesᵀ (4H, N·T) · [h_prev | x] (N·T, H + F_l), one product (dgates packed once)
    //   db_ih, db_hh += Σ_rows dgates;  dx (N·T, F_l) (+)= dgates (N·T, 4H) · W_ih (4H, F_l), skipped when gradX is empty
    private void BackwardDirection(int layer, int direction, ReadOnlySpan<float> x, float[] gradY, Span<float> gradX, float beta, int n, int t)
    {
        int k = layer * Directions + direction, h = HiddenSize, h4 = 4 * h, fl = LayerInputSize(layer);
        var dGates = _gradGates.AsSpan(0, n * t * h4);
        int hx = h + fl; // row of [h_prev | x]
        var stacked = _stacked.AsSpan(0, n * t * hx);
        _gradCell.AsSpan(0, n * h).Clear();
        bool rowKernel = t > 1 && LstmKernels.CanMultiplyRows(n, h);
        int parts = rowKernel ? BatchParts(n, t, h4) : 1;
        if (parts > 1) ForkJoin.Run(parts, new StepJob(this, layer, direction, n, t, gradY));
        else BackwardSteps(layer, direction, gradY, n, t, 0, n, rowKernel);
        for (int row = 0; row < n * t; row++) x.Slice(row * fl, fl).CopyTo(stacked.Slice(row * hx + h, fl));
        var dW = _gradWeights.AsSpan(0, h4 * hx);
        Sgemm.Multiply(true, false, h4, hx, n * t, 1f, dGates, h4, stacked, hx, 0f, dW, hx, Threads);
        Span<float> dWhh = _weightHh[k].Grad.Span, dWih = _weightIh[k].Grad.Span;
        for (int r = 0; r < h4; r++)
        {
            TensorPrimitives.Add(dWhh.Slice(r * h, h), dW.Slice(r * hx, h), dWhh.Slice(r * h, h));
            TensorPrimitives.Add(dWih.Slice(r * fl, fl), dW.Slice(r * hx + h, fl), dWih.Slice(r * fl, fl));
        }
        var db = _bias.AsSpan();
        db.Clear();
        for (int r = 0; r < n * t; r++) TensorPrimitives.Add(db, dGates.Slice(r * h4, h4), db);
        TensorPrimitives.Add(_biasIh[k].Grad.Span, db, _biasIh[k].Grad.Span);
        TensorPrimitives.Add(_biasHh[k].Grad.Span, db, _biasHh[k].Grad.Span);
        if (!gradX.IsEmpty) Sgemm.Multiply(false, false, n * t, fl, h4, 1f, dGates, h4, _weightIh[k].Value.Span, fl, beta, gradX, fl, Threads);
    }

    // Backward through time of sequences [b0, b1): dgates of every step, the carried dh_rec and dc, and the h_prev half of
    // [h_prev | x]; rows are independent, as in ForwardSteps.
    private void BackwardSteps(int layer, int direction, float[] gradYArray, int n, int t, int b0, int b1, bool rowKernel)
    {
        int k = layer * Directions + direction, h = HiddenSize, h4 = 4 * h, fl = LayerInputSize(layer), width = OutputSize, hx = h + fl;
        var gates = _gates[k].AsSpan(0, n * t * h4);
        var cells = _cells[k].AsSpan(0, n * t * h);
        var seq = _sequence[layer].AsSpan(0, n * t * width);
        var gradY = gradYArray.AsSpan(0, n * t * width);
        var dGates = _gradGates.AsSpan(0, n * t * h4);
        var dhRec = _gradHidden.AsSpan(0, n * h);
        var dc = _gradCell.AsSpan(0, n * h);
        var stacked = _stacked.AsSpan(0, n * t * hx);
        var whh = _weightHh[k].Value.Span;
        for (int s = 0; s < t; s++)
        {
            int step = direction == 0 ? t - 1 - s : s, prev = direction == 0 ? step - 1 : step + 1;
            bool hasPrev = s < t - 1;
            for (int b = b0; b < b1; b++)
            {
                int row = b * t + step;
                LstmKernels.BackwardStep(gates.Slice(row * h4, h4), hasPrev ? cells.Slice((b * t + prev) * h, h) : default,
                    cells.Slice(row * h, h), gradY.Slice(row * width + direction * h, h), s > 0 ? dhRec.Slice(b * h, h) : default,
                    dc.Slice(b * h, h), dGates.Slice(row * h4, h4));
                var hp = stacked.Slice(row * hx, h);
                if (hasPrev) seq.Slice((b * t + prev) * width + direction * h, h).CopyTo(hp);
                else hp.Clear();
            }
            if (hasPrev && rowKernel)
            {
                var part = dhRec.Slice(b0 * h, (b1 - b0) * h);
                part.Clear();
                LstmKernels.MultiplyRows(dGates[((b0 * t + step) * h4)..], t * h4, whh, part, h, b1 - b0, h4, h);
            }
            else if (hasPrev)
                Sgemm.Multiply(false, false, n, h, h4, 1f, dGates[(step * h4)..], t * h4, whh, h, 0f, dhRec, h, Threads);
        }
    }

    private void EnsureForwardBuffers(int n, int t)
    {
        if (n == _n && t == _t) return;
        int h = HiddenSize, count = NumLayers * Directions;
        _gates = new float[count][];
        _cells = new float[count][];
        for (int k = 0; k < count; k++)
        {
            _gates[k] = new float[n * t * 4 * h];
            _cells[k] = new float[n * t * h];
        }
        _sequence = new float[NumLayers][];
        for (int l = 0; l < NumLayers; l++) _sequence[l] = new float[n * t * OutputSize];
        _gradSequence = [];
        _gradGates = [];
        _n = n;
        _t = t;
    }

    private void EnsureBackwardBuffers(int n, int t)
    {
        if (_gradGates.Length == n * t * 4 * HiddenSize) return;
        int h = HiddenSize;
        _gradGates = new float[n * t * 4 * h];
        int widest = h + Math.Max(InputSize, NumLayers > 1 ? OutputSize : 0);
        _stacked = new float[n * t * widest];
        _gradWeights = new float[4 * h * widest];
        _gradHidden = new float[n * h];
        _gradCell = new float[n * h];
        _gradTop = Output == RecurrentOutput.LastStep ? new float[n * t * OutputSize] : [];
        _gradSequence = new float[NumLayers - 1][];
        for (int l = 0; l < NumLayers - 1; l++) _gradSequence[l] = new float[n * t * OutputSize];
    }
}
