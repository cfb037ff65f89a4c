namespace SemgKit.Neural.Training;

/// <summary>
/// Drops the last <c>cropH</c> rows and <c>cropW</c> columns of (N, C, T) (cropH must be 0) or (N, C, H, W); backward
/// zero-pads the gradient. Aligns a transposed-convolution decoder with an asymmetrically padded ("same", odd total)
/// convolution, whose adjoint is one sample longer at the end.
/// </summary>
internal sealed class TrailingCrop : Layer
{
    private readonly int _cropH, _cropW;
    private Tensor? _output, _gradInput;
    private int[] _inputShape = [];

    public TrailingCrop(int cropH, int cropW)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cropH);
        ArgumentOutOfRangeException.ThrowIfNegative(cropW);
        _cropH = cropH;
        _cropW = cropW;
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length is not (3 or 4) || inputShape.Length == 3 && _cropH != 0)
            throw new ArgumentException($"TrailingCrop expects (N, C, T) or (N, C, H, W), got {Tensor.ShapeString(inputShape)}.");
        var shape = inputShape.ToArray();
        if (shape.Length == 4) shape[2] -= _cropH;
        shape[^1] -= _cropW;
        if (shape[^1] <= 0 || shape.Length == 4 && shape[2] <= 0)
            throw new ArgumentException($"TrailingCrop: input {Tensor.ShapeString(inputShape)} is too small.");
        return shape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var y = Tensor.Reuse(ref _output, OutputShape(input.Shape));
        _inputShape = input.ShapeArray();
        Copy(input.Span, y.Span, input.Shape, toSmaller: true);
        return y;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        RequireSameShape(gradOutput, Cached(_output));
        var dx = Tensor.Reuse(ref _gradInput, _inputShape);
        dx.Clear();
        Copy(gradOutput.Span, dx.Span, _inputShape, toSmaller: false);
        return dx;
    }

    // Copies the kept rows between the large (uncropped) and the small layout, in either direction.
    private void Copy(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> largeShape, bool toSmaller)
    {
        int planes = largeShape[0] * largeShape[1];
        int h = largeShape.Length == 4 ? largeShape[2] : 1, w = largeShape[^1];
        int ho = h - _cropH, wo = w - _cropW;
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < ho; r++)
            {
                int large = (p * h + r) * w, small = (p * ho + r) * wo;
                if (toSmaller) source.Slice(large, wo).CopyTo(destination.Slice(small, wo));
                else source.Slice(small, wo).CopyTo(destination.Slice(large, wo));
            }
    }
}
