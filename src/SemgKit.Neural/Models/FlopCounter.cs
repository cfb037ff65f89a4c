using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// Counts the floating-point operations of one forward pass: 2 per multiply-add of convolutions (C_out·H_out·W_out·C_in·k;
/// <see cref="ColumnConv2d"/>: C_out·H_out·C_in·kH·W_in, the kernel columns that meet data) and dense layers (rows·F_in·F_out).
/// Element-wise layers, normalisation and pooling are not counted (they are memory-bound and small); containers
/// (<see cref="Sequential"/>, <see cref="ConvBlock"/>) are walked. Layers the counter does not know (LSTM, attention)
/// contribute 0.
/// </summary>
public static class FlopCounter
{
    /// <summary>FLOPs of one forward pass of <paramref name="model"/> on an input of shape <paramref name="inputShape"/> (batch axis included).</summary>
    public static long Forward(Layer model, ReadOnlySpan<int> inputShape)
    {
        long flops = 0;
        Walk(model, inputShape.ToArray(), ref flops);
        return flops;
    }

    private static int[] Walk(Layer layer, int[] shape, ref long flops)
    {
        switch (layer)
        {
            case Sequential seq:
                foreach (var child in seq.Layers) shape = Walk(child, shape, ref flops);
                return shape;
            case ConvBlock block:
                var convOut = Walk(block.Convolution, shape, ref flops);
                return block.Pool is null ? convOut : block.Pool.OutputShape(convOut);
            case ConvolutionBase conv:
            {
                var output = conv.OutputShape(shape);
                long outputs = 1;
                foreach (var d in output) outputs *= d;
                long kernel = conv.Weight.Value.Length / ((long)conv.OutChannels * conv.InChannels);
                flops += 2 * outputs * conv.InChannels * kernel; // transposed: the same multiply-adds scattered
                return output;
            }
            case ColumnConv2d column:
            {
                var output = column.OutputShape(shape);
                long outputs = (long)output[0] * output[1] * output[2];
                // the multiply-adds it runs: the kernel columns that meet the W input columns (the others only meet padding)
                flops += 2 * outputs * column.InChannels * column.KernelSize.H * shape[3];
                return output;
            }
            case Dense dense:
            {
                long rows = 1;
                for (int i = 0; i < shape.Length - 1; i++) rows *= shape[i];
                flops += 2 * rows * dense.InFeatures * dense.OutFeatures;
                return dense.OutputShape(shape);
            }
            default:
                return layer.OutputShape(shape);
        }
    }
}
