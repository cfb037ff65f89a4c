namespace SemgKit.Neural.Layers;

/// <summary>(N, d1, d2, …) → (N, d1·d2·…): a view of the input (no copy); the gradient is a view too.</summary>
public sealed class Flatten : Layer
{
    private Tensor? _input, _outView, _gradView;

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length < 1) throw new ArgumentException("Flatten needs a batch axis.");
        int rest = 1;
        for (int i = 1; i < inputShape.Length; i++) rest *= inputShape[i];
        return [inputShape[0], rest];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        _input = input;
        int n = input.Dim(0);
        return Tensor.ReuseView(ref _outView, input.Data, n, n == 0 ? 0 : input.Length / n);
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _outView!);
        return Tensor.ReuseView(ref _gradView, gradOutput.Data, input.Shape);
    }
}

/// <summary>
/// (N, …) → (N, shape…) with the batch axis kept; one target dimension may be -1. A view (no copy), like
/// <c>x.reshape(N, *shape)</c>.
/// </summary>
public sealed class Reshape : Layer
{
    private readonly int[] _shape;
    private readonly int[] _full;
    private Tensor? _input, _outView, _gradView;

    /// <param name="shape">Target shape without the batch axis.</param>
    public Reshape(params int[] shape)
    {
        _shape = (int[])shape.Clone();
        _full = new int[shape.Length + 1];
    }

    public IReadOnlyList<int> TargetShape => _shape;

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length < 1) throw new ArgumentException("Reshape needs a batch axis.");
        int n = inputShape[0];
        int perSample = 1;
        for (int i = 1; i < inputShape.Length; i++) perSample *= inputShape[i];
        var inner = Tensor.ResolveShape(_shape, perSample);
        return [n, .. inner];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        _input = input;
        int n = input.Dim(0);
        if (_outView is null || !ReferenceEquals(_outView.Data, input.Data) || _outView.Dim(0) != n || _outView.Length != input.Length)
            _outView = new Tensor(input.Data, OutputShape(input.Shape));
        return _outView;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _outView!);
        return Tensor.ReuseView(ref _gradView, gradOutput.Data, input.Shape);
    }
}

/// <summary>
/// Axis permutation including the batch axis, like <c>x.permute(axes).contiguous()</c>; e.g. Permute(0, 2, 1)
/// turns (N, C, T) into (N, T, C) for a recurrent layer. Copies into the layer's own buffer.
/// </summary>
public sealed class Permute : Layer
{
    private readonly int[] _axes, _inverse;
    private readonly int[] _scratchShape;
    private Tensor? _input, _output, _gradInput;

    public Permute(params int[] axes)
    {
        if (axes.Length > Kernels.Permute.MaxRank) throw new ArgumentException($"At most {Kernels.Permute.MaxRank} axes.");
        if (!axes.Order().SequenceEqual(Enumerable.Range(0, axes.Length)))
            throw new ArgumentException($"Axes ({string.Join(", ", axes)}) are not a permutation of 0..{axes.Length - 1}.", nameof(axes));
        _axes = (int[])axes.Clone();
        _inverse = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) _inverse[axes[i]] = i;
        _scratchShape = new int[axes.Length];
    }

    public IReadOnlyList<int> Axes => _axes;

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        RequireRank(inputShape, _axes.Length, "matching the permutation");
        var shape = new int[_axes.Length];
        for (int i = 0; i < shape.Length; i++) shape[i] = inputShape[_axes[i]];
        return shape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        RequireRank(input.Shape, _axes.Length, "matching the permutation");
        _input = input;
        for (int i = 0; i < _axes.Length; i++) _scratchShape[i] = input.Dim(_axes[i]);
        var y = Tensor.Reuse(ref _output, _scratchShape);
        Kernels.Permute.Apply(input.Span, input.Shape, _axes, y.Span);
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        Kernels.Permute.Apply(gradOutput.Span, gradOutput.Shape, _inverse, dx.Span);
        return dx;
    }
}
