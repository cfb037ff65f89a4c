namespace SemgKit.Neural;

/// <summary>A trainable tensor and its gradient (same shape). Backward passes accumulate (+=) into <see cref="Grad"/>.</summary>
public sealed class Parameter
{
    public Parameter(string name, params ReadOnlySpan<int> shape)
    {
        Name = name;
        Value = new Tensor(shape);
        Grad = new Tensor(shape);
    }

    /// <summary>The layer-local name ("weight", "bias"); <see cref="Layer.NamedParameters"/> qualifies it ("0.weight").</summary>
    public string Name { get; }

    public Tensor Value { get; }

    public Tensor Grad { get; }

    public void ZeroGrad() => Grad.Clear();

    public override string ToString() => $"{Name}{Tensor.ShapeString(Value.Shape)}";
}
