using System.Text;

namespace SemgKit.Neural;

/// <summary>
/// A light dense float tensor: a <see cref="float"/> array and a row-major contiguous shape.
/// <see cref="Reshape"/> returns a view sharing <see cref="Data"/>; nothing else is copied implicitly.
/// </summary>
/// <remarks>
/// <see cref="Data"/> may be longer than <see cref="Length"/> (a view over the front of a bigger buffer); always use
/// <see cref="Span"/> for the tensor's values.
/// </remarks>
public sealed class Tensor
{
    private readonly int[] _shape;

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public Tensor(params ReadOnlySpan<int> shape)
    {
        _shape = shape.ToArray();
        Length = CheckedLength(shape);
        Data = new float[Length];
    }

    /// <summary>A tensor over <paramref name="data"/> (not copied) with the given shape.</summary>
    public Tensor(float[] data, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        _shape = shape.ToArray();
        Length = CheckedLength(shape);
        if (data.Length < Length)
            throw new ArgumentException($"Shape {ShapeString(shape)} needs {Length} values but the array holds {data.Length}.", nameof(data));
        Data = data;
    }

    /// <summary>The backing array (possibly longer than <see cref="Length"/>).</summary>
    public float[] Data { get; }

    /// <summary>Number of elements (product of the shape).</summary>
    public int Length { get; }

    public ReadOnlySpan<int> Shape => _shape;

    public int Rank => _shape.Length;

    /// <summary>Size along <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[axis < 0 ? axis + _shape.Length : axis];

    /// <summary>The tensor's values, row-major.</summary>
    public Span<float> Span => Data.AsSpan(0, Length);

    /// <summary>The shape as a new array.</summary>
    public int[] ShapeArray() => (int[])_shape.Clone();

    public bool HasShape(params ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

    /// <summary>A view with another shape over the same data; one dimension may be -1 (inferred).</summary>
    public Tensor Reshape(params ReadOnlySpan<int> shape) => new(Data, ResolveShape(shape, Length));

    public Tensor Clone()
    {
        var t = new Tensor(_shape);
        Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>Copies <paramref name="source"/>'s values; the shapes must match.</summary>
    public void CopyFrom(Tensor source)
    {
        if (!source.HasShape(_shape))
            throw new ArgumentException($"Shape {ShapeString(source.Shape)} does not match {ShapeString(_shape)}.", nameof(source));
        source.Span.CopyTo(Span);
    }

    public void Fill(float value) => Span.Fill(value);

    public void Clear() => Span.Clear();

    public static Tensor FromArray(float[] values, params ReadOnlySpan<int> shape) => new(values, shape);

    /// <summary>
    /// Returns <paramref name="buffer"/> if it already has <paramref name="shape"/>, otherwise replaces it with a new
    /// zero-filled tensor. Layers use this to own their output and gradient buffers (allocation-free steady state).
    /// Contents are NOT cleared on reuse.
    /// </summary>
    public static Tensor Reuse(ref Tensor? buffer, params ReadOnlySpan<int> shape)
    {
        if (buffer is null || !buffer.HasShape(shape))
            buffer = new Tensor(shape);
        return buffer;
    }

    /// <summary>Like <see cref="Reuse"/> but for a view over <paramref name="data"/>: allocates only when the array or shape changes.</summary>
    public static Tensor ReuseView(ref Tensor? view, float[] data, params ReadOnlySpan<int> shape)
    {
        if (view is null || !ReferenceEquals(view.Data, data) || !view.HasShape(shape))
            view = new Tensor(data, shape);
        return view;
    }

    public override string ToString() => $"Tensor{ShapeString(_shape)}";

    /// <summary>"(2×3×4)".</summary>
    public static string ShapeString(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) sb.Append('×');
            sb.Append(shape[i]);
        }
        return sb.Append(')').ToString();
    }

    internal static int CheckedLength(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {ShapeString(shape)}.");
            n *= d;
            if (n > Array.MaxLength) throw new ArgumentException($"Shape {ShapeString(shape)} is too large.");
        }
        return (int)n;
    }

    internal static int[] ResolveShape(ReadOnlySpan<int> shape, int length)
    {
        var result = shape.ToArray();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException("Only one dimension may be -1.");
                infer = i;
            }
            else known *= result[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || length % known != 0)
                throw new ArgumentException($"Cannot reshape {length} values to {ShapeString(shape)}.");
            result[infer] = (int)(length / known);
        }
        else if (known != length)
            throw new ArgumentException($"Cannot reshape {length} values to {ShapeString(shape)}.");
        return result;
    }
}
