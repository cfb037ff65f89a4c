namespace SemgKit.Neural.Layers;

/// <summary>
/// Parallel branches joined along the channel axis (axis 1). With <c>inputChannels</c>, the input (N, ΣC_i, …) is split
/// along axis 1 and branch i sees its C_i channels — the way to compose a two-input model (e.g. raw signal + features
/// packed as channels). Without it, every branch sees the whole input and input gradients are summed. Branch outputs
/// must agree on every axis but 1 and are concatenated into (N, ΣC_out_i, …). Children are named "0", "1", ….
/// </summary>
public sealed class Branch : Layer
{
    private readonly Layer[] _branches;
    private readonly int[]? _split;
    private readonly Tensor?[] _inputs, _grads;
    private readonly Tensor[] _outputs;
    private Tensor? _input, _output, _gradInput;
    private int[] _shapeScratch = [];
    private readonly int _splitTotal;

    /// <summary>Every branch sees the whole input.</summary>
    public Branch(params Layer[] branches) : this(null, branches)
    {
    }

    /// <summary>Branch i sees channels [Σ_{j&lt;i} C_j, Σ_{j≤i} C_j) of the input; null = all branches see the whole input.</summary>
    public Branch(int[]? inputChannels, params Layer[] branches)
    {
        if (branches.Length == 0) throw new ArgumentException("At least one branch.", nameof(branches));
        if (inputChannels is not null && (inputChannels.Length != branches.Length || inputChannels.Any(c => c <= 0)))
            throw new ArgumentException("Give one positive channel count per branch.", nameof(inputChannels));
        _branches = [.. branches];
        _split = inputChannels is null ? null : [.. inputChannels];
        _splitTotal = inputChannels?.Sum() ?? 0;
        _inputs = new Tensor?[branches.Length];
        _grads = new Tensor?[branches.Length];
        _outputs = new Tensor[branches.Length];
    }

    public IReadOnlyList<Layer> Branches => _branches;

    public override IEnumerable<KeyValuePair<string, Layer>> Children =>
        _branches.Select((l, i) => new KeyValuePair<string, Layer>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), l));

    private void CheckInput(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2) throw new ArgumentException($"Branch expects (N, C, …), got {Tensor.ShapeString(shape)}.");
        if (_split is not null && shape[1] != _splitTotal)
            throw new ArgumentException($"Branch splits {_split.Sum()} channels ({string.Join(" + ", _split)}), got {Tensor.ShapeString(shape)}.");
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        CheckInput(inputShape);
        int[]? result = null;
        for (int i = 0; i < _branches.Length; i++)
        {
            var inShape = inputShape.ToArray();
            if (_split is not null) inShape[1] = _split[i];
            var o = _branches[i].OutputShape(inShape);
            if (result is null) result = o;
            else
            {
                if (o.Length != result.Length || o.Length < 2 || o[0] != result[0] || !o.AsSpan(2).SequenceEqual(result.AsSpan(2)))
                    throw new ArgumentException($"Branch outputs {Tensor.ShapeString(result)} and {Tensor.ShapeString(o)} cannot be joined along axis 1.");
                result[1] += o[1];
            }
        }
        return result!;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input.Shape);
        _input = input;
        int n = input.Dim(0), inner = input.Length / Math.Max(1, n * input.Dim(1));
        int offset = 0;
        for (int i = 0; i < _branches.Length; i++)
        {
            Tensor x = input;
            if (_split is not null)
            {
                if (_shapeScratch.Length != input.Rank) _shapeScratch = new int[input.Rank];
                input.Shape.CopyTo(_shapeScratch);
                _shapeScratch[1] = _split[i];
                x = Tensor.Reuse(ref _inputs[i], _shapeScratch);
                CopyChannels(input.Span, input.Dim(1), offset, x.Span, _split[i], 0, _split[i], n, inner);
                offset += _split[i];
            }
            _outputs[i] = _branches[i].Forward(x, training);
        }
        var first = _outputs[0];
        int channels = 0;
        foreach (var o in _outputs)
        {
            if (o.Rank != first.Rank || o.Rank < 2 || o.Dim(0) != n || !o.Shape[2..].SequenceEqual(first.Shape[2..]))
                OutputShape(input.Shape); // throws with a clear message
            channels += o.Dim(1);
        }
        if (_shapeScratch.Length != first.Rank) _shapeScratch = new int[first.Rank];
        first.Shape.CopyTo(_shapeScratch);
        _shapeScratch[1] = channels;
        var y = Tensor.Reuse(ref _output, _shapeScratch);
        int outInner = first.Length / Math.Max(1, n * first.Dim(1));
        offset = 0;
        foreach (var o in _outputs)
        {
            CopyChannels(o.Span, o.Dim(1), 0, y.Span, channels, offset, o.Dim(1), n, outInner);
            offset += o.Dim(1);
        }
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int n = input.Dim(0), channels = gradOutput.Dim(1);
        int outInner = gradOutput.Length / Math.Max(1, n * channels);
        int inInner = input.Length / Math.Max(1, n * input.Dim(1));
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        if (_split is null) dx.Clear();
        int outOffset = 0, inOffset = 0;
        for (int i = 0; i < _branches.Length; i++)
        {
            var o = _outputs[i];
            var g = Tensor.Reuse(ref _grads[i], o.Shape);
            CopyChannels(gradOutput.Span, channels, outOffset, g.Span, o.Dim(1), 0, o.Dim(1), n, outInner);
            outOffset += o.Dim(1);
            var dxi = _branches[i].Backward(g);
            if (_split is null)
                System.Numerics.Tensors.TensorPrimitives.Add(dx.Span, dxi.Span, dx.Span);
            else
            {
                CopyChannels(dxi.Span, _split[i], 0, dx.Span, input.Dim(1), inOffset, _split[i], n, inInner);
                inOffset += _split[i];
            }
        }
        return dx;
    }

    /// <summary>Copies channels [srcStart, srcStart+count) of each sample of src (N, srcC, inner) to [dstStart, …) of dst (N, dstC, inner).</summary>
    private static void CopyChannels(ReadOnlySpan<float> src, int srcC, int srcStart, Span<float> dst, int dstC, int dstStart, int count, int n, int inner)
    {
        for (int s = 0; s < n; s++)
            src.Slice((s * srcC + srcStart) * inner, count * inner).CopyTo(dst.Slice((s * dstC + dstStart) * inner, count * inner));
    }
}
