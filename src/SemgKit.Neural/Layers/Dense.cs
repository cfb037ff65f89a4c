using System.Numerics.Tensors;
using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Fully connected layer, <c>torch.nn.Linear</c>: y = x·Wᵀ + b over the last axis. Input (…, F_in), output (…, F_out);
/// leading axes (N, or N and T for sequences) are flattened into rows. Weight (F_out, F_in), bias (F_out).
/// </summary>
/// <remarks>Default initialisation (PyTorch): weight kaiming_uniform(a=√5) = U(±1/√F_in), bias U(±1/√F_in).</remarks>
public sealed class Dense : Layer
{
    private Tensor? _input, _output, _gradInput;

    public Dense(int inFeatures, int outFeatures, bool bias = true, Initializer? weightInit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter("weight", outFeatures, inFeatures);
        Bias = bias ? new Parameter("bias", outFeatures) : null;
        WeightInit = weightInit;
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Parameter Weight { get; }
    public Parameter? Bias { get; }

    /// <summary>Weight initialiser; null = PyTorch default.</summary>
    public Initializer? WeightInit { get; }

    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    protected override void ResetParameters(Rng rng)
    {
        (WeightInit ?? Initializer.PyTorchDefault).Initialize(Weight.Value, rng);
        if (Bias is not null) Initializer.Uniform(1 / Math.Sqrt(InFeatures)).Initialize(Bias.Value, rng);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length < 1 || inputShape[^1] != InFeatures)
            throw new ArgumentException($"Dense expects (…, {InFeatures}), got {Tensor.ShapeString(inputShape)}.");
        var shape = inputShape.ToArray();
        shape[^1] = OutFeatures;
        return shape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.Rank < 1 || input.Dim(-1) != InFeatures) OutputShape(input.Shape); // throws a clear error
        _input = input;
        int rows = input.Length / InFeatures;
        var y = EnsureOutput(input, rows);
        // y (rows, F_out) = x (rows, F_in) · Wᵀ (F_in, F_out)
        Sgemm.Multiply(false, true, rows, OutFeatures, InFeatures, 1f, input.Span, InFeatures, Weight.Value.Span, InFeatures, 0f, y.Span, OutFeatures, Threads);
        if (Bias is not null)
        {
            var b = Bias.Value.Span;
            var ys = y.Span;
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(ys.Slice(r * OutFeatures, OutFeatures), b, ys.Slice(r * OutFeatures, OutFeatures));
        }
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var x = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int rows = x.Length / InFeatures;
        var dy = gradOutput.Span;
        // dW (F_out, F_in) += dyᵀ (F_out, rows) · x (rows, F_in)
        Sgemm.Multiply(true, false, OutFeatures, InFeatures, rows, 1f, dy, OutFeatures, x.Span, InFeatures, 1f, Weight.Grad.Span, InFeatures, Threads);
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(db, dy.Slice(r * OutFeatures, OutFeatures), db);
        }
        // dx (rows, F_in) = dy (rows, F_out) · W (F_out, F_in)
        var dx = Tensor.Reuse(ref _gradInput, x.Shape);
        Sgemm.Multiply(false, false, rows, InFeatures, OutFeatures, 1f, dy, OutFeatures, Weight.Value.Span, InFeatures, 0f, dx.Span, InFeatures, Threads);
        return dx;
    }

    private Tensor EnsureOutput(Tensor input, int rows)
    {
        if (_output is not null && _output.Length == rows * OutFeatures && _output.Rank == input.Rank)
        {
            bool same = true;
            for (int i = 0; i < input.Rank - 1; i++) same &= _output.Dim(i) == input.Dim(i);
            if (same) return _output;
        }
        return _output = new Tensor(OutputShape(input.Shape));
    }
}
