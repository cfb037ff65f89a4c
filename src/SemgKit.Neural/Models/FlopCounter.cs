using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Models;

/// <summary>
/// Counts the floating-point operations of one forward pass: 2 per multiply-add of convolutions (C_out·H_out·W_out·C_in·k;
/// <see cref="ColumnConv2d"/>: C_out·H_out·C_in·kH·W_in, the kernel columns that meet data) and dense layers (rows·F_in·F_out).
/// Element-wise layers, normalisation and pooling are not counted (they are memory-bound and small); containers
/// (<see cref="Sequential"/>, <see cref="ConvBlock"/>) are walked. <see cref="Lstm"/>: per layer, direction and step the input
/// and recurrent products, 2·4H·(F_l + H) (gate non-linearities not counted); <see cref="LuongAttention"/>: the keys' product
/// U = H·Wᵀ (2·T·D²) and, per query, the scores (2·T·D) and the weighted sum (2·T·D; the weighted sequence only
/// multiplies, not counted). Other layers contribute 0.
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
            case Lstm lstm:
            {
                long steps = (long)shape[0] * shape[1];
                int directions = lstm.Bidirectional ? 2 : 1;
                for (int l = 0; l < lstm.NumLayers; l++)
                {
                    int inputs = l == 0 ? lstm.InputSize : lstm.HiddenSize * directions;
                    flops += 2 * steps * directions * 4L * lstm.HiddenSize * (inputs + lstm.HiddenSize);
                }
                return lstm.OutputShape(shape);
            }
            case LuongAttention attention:
            {
                long n = shape[0], t = shape[1], d = attention.Features;
                long queries = attention.Output == AttentionOutput.AllSteps ? t : 1;
                long sums = attention.Output == AttentionOutput.WeightedSequence ? 1 : 2; // scores, and the context sums
                flops += 2 * n * t * d * d + 2 * sums * n * queries * t * d;
                return attention.OutputShape(shape);
            }
            default:
                return layer.OutputShape(shape);
        }
    }
}
