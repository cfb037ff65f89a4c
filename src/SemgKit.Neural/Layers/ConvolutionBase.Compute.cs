using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

public abstract partial class ConvolutionBase
{
    public sealed override Tensor Forward(Tensor input, bool training)
    {
        var (n, c, h, w) = Dims(input.Shape);
        var (ho, wo) = OutHW(h, w);
        if (ho <= 0 || wo <= 0) OutputShape(input.Shape); // throws
        Input = input;
        var y = Reuse4(ref Output, n, OutChannels, ho, wo);
        if (Transposed) ForwardTransposed(input.Span, y.Span, n, c, h, w, ho, wo);
        else ForwardDirect(input.Data, y.Data, n, c, h, w, ho, wo, Weight.Value.Data, Bias?.Value.Data, _own, Threads);
        return y;
    }

    /// <summary>
    /// Inference with substitute weights (same layout as <see cref="Weight"/>) and an optional bias, into
    /// <paramref name="output"/> (N, C_out, H_out·W_out values); caches nothing. Used by fused blocks.
    /// </summary>
    /// <param name="scratch">
    /// Where the pass keeps its frame, packed weights and column buffer: null for the layer's own; a caller that runs this
    /// layer on several inputs at once gives each its own (see <see cref="ForwardScratch"/>).
    /// </param>
    /// <param name="threads">Worker threads for this call; null for <see cref="Layer.Threads"/>.</param>
    internal void ForwardWith(Tensor input, float[] weight, float[]? bias, float[] output, ForwardScratch? scratch = null, int? threads = null)
    {
        if (Transposed) throw new NotSupportedException("Fused inference supports plain convolutions only.");
        var (n, c, h, w) = Dims(input.Shape);
        var (ho, wo) = OutHW(h, w);
        if (ho <= 0 || wo <= 0) OutputShape(input.Shape); // throws
        if (output.Length < n * OutChannels * ho * wo) throw new ArgumentException("Output buffer too small.", nameof(output));
        ForwardDirect(input.Data, output, n, c, h, w, ho, wo, weight, bias, scratch ?? _own, threads ?? Threads);
    }

    /// <summary>
    /// What a forward pass writes besides its output: the shifted path's frame, row offsets and packed weights, and the
    /// im2col column buffer. Each layer has its own; a block that runs one layer on two inputs at once gives each another.
    /// </summary>
    internal sealed class ForwardScratch
    {
        internal ShiftedConvolution.Frame Frame;
        internal int[] RowOffsets = [];
        internal float[] Packed = [];
        internal float[] Columns = [];
    }

    private readonly ForwardScratch _own = new();

    public sealed override Tensor Backward(Tensor gradOutput)
    {
        var x = Cached(Input);
        RequireSameShape(gradOutput, Output!);
        var (n, c, h, w) = Dims(x.Shape);
        var (ho, wo) = OutHW(h, w);
        if (!Transposed && !ComputeInputGradient)
        {
            BackwardDirect(x.Data, gradOutput.Data, null, n, c, h, w, ho, wo);
            return Tensor.Reuse(ref _zeroGradInput, x.Shape); // never written: zeros
        }
        var dx = Tensor.Reuse(ref GradInput, x.Shape);
        if (Transposed) BackwardTransposed(x.Span, gradOutput.Span, dx.Span, n, c, h, w, ho, wo);
        else BackwardDirect(x.Data, gradOutput.Data, dx.Data, n, c, h, w, ho, wo);
        return dx;
    }

    private Tensor? _zeroGradInput;

    /// <summary>
    /// When false (a network's first layer, whose input needs no gradient), Backward skips dLoss/dInput — the
    /// col2im SGEMM and fold — and returns a zero tensor. Parameter gradients are unaffected. Default true.
    /// </summary>
    public bool ComputeInputGradient { get; set; } = true;

    /// <summary>A 1×1, stride-1, unpadded kernel: im2col is the identity, so the input is used as the column matrix.</summary>
    private bool IsPointwise => KernelArea == 1 && Geometry.StrideH == 1 && Geometry.StrideW == 1 && Geometry.PadTop == 0 && Geometry.PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    /// <summary>
    /// Samples are split into at most this many contiguous partitions; each partition has its own column buffers and
    /// weight-gradient accumulator, summed in partition order, so results depend on the batch size only — never on
    /// <see cref="Layer.Threads"/> (1 and 2 threads give bit-identical results).
    /// </summary>
    private const int MaxPartitions = 4;

    private float[][] _partColumns = [], _partGrads = [];

    /// <summary>
    /// Target size (floats) of one column-matrix chunk: output rows are unfolded and multiplied in groups whose
    /// C·k × rows·W_out columns fit in about 256 KiB, so the column matrix is still in the core's cache when the SGEMM
    /// packs it (at least one row per chunk; 1-D convolutions have one row). Tests lower it to exercise chunking.
    /// </summary>
    internal int ColumnChunkFloats { get; set; } = 64 * 1024;

    private int ChunkRows(int ck, int ho, int wo) => Math.Clamp(ColumnChunkFloats / Math.Max(1, ck * wo), 1, ho);

    private (int Parts, int Workers) Partitioning(int n, int threads)
    {
        int parts = Math.Min(n, MaxPartitions);
        return (parts, Math.Min(threads, parts));
    }

    private static float[] Grow(ref float[][] buffers, int index, int length)
    {
        if (buffers.Length <= index) Array.Resize(ref buffers, index + 1);
        return GrowTo(ref buffers[index], length);
    }

    private static void RunPartitions(int parts, int workers, Action<int> body)
    {
        if (workers <= 1)
        {
            for (int p = 0; p < parts; p++) body(p);
            return;
        }
        ForkJoin.Run(parts, new PartitionJob(body), workers);
    }

    private readonly struct PartitionJob(Action<int> body) : IForkJoinBody
    {
        public void Run(int part, int parts) => body(part);
    }

    // Convolution: per sample, col (C·k, Ho·Wo) = im2col(x_s); y_s (Cout, Ho·Wo) = W (Cout, C·k) · col + b.
    // Samples run in partitions on up to `threads` workers; one worker (or one sample) runs inline without allocating.
    private void ForwardDirect(float[] x, float[] y, int n, int c, int h, int w, int ho, int wo, float[] weight, float[]? bias, ForwardScratch ws, int threads)
    {
        int ck = c * KernelArea, plane = ho * wo;
        var (parts, workers) = Partitioning(n, threads);
        if (UseShifted)
        {
            PrepareShifted(ws, h, w, weight, bias);
            if (workers <= 1)
            {
                ForwardShifted(ws, x, y, 0, n, c, h, w, GrowTo(ref ws.Columns, ShiftedForwardScratch(ws.Frame, c)), threads);
                return;
            }
            ForwardShiftedParallel(ws, x, y, n, c, h, w, parts, workers);
            return;
        }
        if (workers <= 1)
        {
            ForwardSamples(x, y, 0, n, c, h, w, ho, wo, weight, bias, GrowTo(ref ws.Columns, ck * plane), threads);
            return;
        }
        ForwardParallel(x, y, n, c, h, w, ho, wo, weight, bias, parts, workers);
    }

    // Separate from ForwardDirect so that the single-worker path does not allocate the lambda's closure.
    private void ForwardParallel(float[] x, float[] y, int n, int c, int h, int w, int ho, int wo, float[] weight, float[]? bias, int parts, int workers)
    {
        int length = c * KernelArea * ho * wo;
        for (int p = 0; p < parts; p++) Grow(ref _partColumns, p, length);
        RunPartitions(parts, workers, p =>
            ForwardSamples(x, y, p * n / parts, (p + 1) * n / parts, c, h, w, ho, wo, weight, bias, _partColumns[p], 1));
    }

    private void ForwardSamples(float[] xData, float[] yData, int first, int end, int c, int h, int w, int ho, int wo, float[] weight, float[]? bias, float[] columns, int threads)
    {
        int ck = c * KernelArea, plane = ho * wo, inSize = c * h * w, outSize = OutChannels * plane;
        bool pointwise = IsPointwise;
        int chunkRows = ChunkRows(ck, ho, wo);
        for (int s = first; s < end; s++)
        {
            var xs = xData.AsSpan(s * inSize, inSize);
            var ys = yData.AsSpan(s * outSize, outSize);
            if (pointwise)
            {
                Sgemm.Multiply(false, false, OutChannels, plane, ck, 1f, weight, ck, xs, plane, 0f, ys, plane, threads);
            }
            else
            {
                // Output rows in chunks whose column matrix stays in the core's cache: unfold rows, then
                // y[:, rows] (Cout × rows·Wo, row stride Ho·Wo) = W · col.
                for (int r0 = 0; r0 < ho; r0 += chunkRows)
                {
                    int r1 = Math.Min(ho, r0 + chunkRows), cols = (r1 - r0) * wo;
                    var col = columns.AsSpan(0, ck * cols);
                    Im2Col.Unfold(xs, c, h, w, Geometry, wo, r0, r1, col);
                    Sgemm.Multiply(false, false, OutChannels, cols, ck, 1f, weight, ck, col, cols, 0f, ys[(r0 * wo)..], plane, threads);
                }
            }
            if (bias is not null) AddBias(ys, bias, plane);
        }
    }

    // Stride 1 on AVX-512: no im2col (see ShiftedConvolution). Per sample, xp (C planes of the padded frame) = pad(x_s);
    // grid (Cout, Ho·Wp) = W · [im2col rows as shifted runs of xp] + b; y_s = the first W_out values of each grid row.
    private bool UseShifted => ShiftedConvolution.IsSupported && (ShiftedPath ?? true) && !Transposed
        && Geometry.StrideH == 1 && Geometry.StrideW == 1 && !IsPointwise;

    /// <summary>Tests: false forces im2col + SGEMM where the shifted (im2col-free) path would run; null = automatic.</summary>
    internal bool? ShiftedPath { get; set; }

    private float[] _packedFlipped = [];
    private int[] _gradRowOffsets = [];

    /// <summary>The frame and row offsets of this input size, and the packed weights, into <paramref name="ws"/>.</summary>
    private void PrepareShifted(ForwardScratch ws, int h, int w, float[] weight, float[]? bias)
    {
        PrepareFrame(ws, h, w);
        int k = InChannels * KernelArea;
        ShiftedConvolution.Pack(weight, OutChannels, k, bias, GrowTo(ref ws.Packed, ShiftedConvolution.PackedLength(OutChannels, k)));
    }

    /// <summary>The layer's own frame and row offsets of this input size, and the flipped packed weights for backward.</summary>
    private void PrepareShiftedGradient(int h, int w, float[] weight)
    {
        var f = PrepareFrame(_own, h, w);
        int c = InChannels, taps = KernelArea;
        ShiftedConvolution.RowOffsets(f, OutChannels, f.GradPlane, f.Top * f.Wp, GrowTo(ref _gradRowOffsets, OutChannels * taps));
        ShiftedConvolution.PackFlipped(weight, OutChannels, c, taps, GrowTo(ref _packedFlipped, ShiftedConvolution.PackedLength(c, OutChannels * taps)));
    }

    /// <summary>The frame of this input size and the forward row offsets, into <paramref name="ws"/>.</summary>
    private ShiftedConvolution.Frame PrepareFrame(ForwardScratch ws, int h, int w)
    {
        var f = ws.Frame = new ShiftedConvolution.Frame(h, w, Geometry, PadBottom, PadRight);
        ShiftedConvolution.RowOffsets(f, InChannels, f.InputPlane, 0, GrowTo(ref ws.RowOffsets, InChannels * KernelArea));
        return f;
    }

    private int ShiftedForwardScratch(in ShiftedConvolution.Frame f, int c) => c * f.InputPlane + OutChannels * f.Grid;

    private int ShiftedBackwardScratch(in ShiftedConvolution.Frame f, int c) => c * f.InputPlane + OutChannels * f.GradPlane + c * f.H * f.Wp;

    private void ForwardShiftedParallel(ForwardScratch ws, float[] x, float[] y, int n, int c, int h, int w, int parts, int workers)
    {
        int length = ShiftedForwardScratch(ws.Frame, c);
        for (int p = 0; p < parts; p++) Grow(ref _partColumns, p, length);
        RunPartitions(parts, workers, p => ForwardShifted(ws, x, y, p * n / parts, (p + 1) * n / parts, c, h, w, _partColumns[p], 1));
    }

    private void ForwardShifted(ForwardScratch ws, float[] xData, float[] yData, int first, int end, int c, int h, int w, float[] scratch, int threads)
    {
        var f = ws.Frame;
        int inSize = c * h * w, plane = f.Ho * f.Wo, outSize = OutChannels * plane, k = c * KernelArea;
        var xp = scratch.AsSpan(0, c * f.InputPlane);
        var grid = scratch.AsSpan(c * f.InputPlane, OutChannels * f.Grid);
        for (int s = first; s < end; s++)
        {
            var ys = yData.AsSpan(s * outSize, outSize);
            ShiftedConvolution.Place(xData.AsSpan(s * inSize, inSize), c, h, w, xp, f.InputPlane, f.Top * f.Wp + f.Left, f.Wp);
            if (f.Wp == f.Wo)
            {
                ShiftedConvolution.Multiply(OutChannels, k, f.Grid, ws.Packed, xp, ws.RowOffsets, ys, plane, threads);
                continue;
            }
            ShiftedConvolution.Multiply(OutChannels, k, f.Grid, ws.Packed, xp, ws.RowOffsets, grid, f.Grid, threads);
            ShiftedConvolution.Compact(grid, OutChannels, f.Grid, f.Wp, 0, f.Ho, f.Wo, ys);
        }
    }

    private void BackwardShiftedParallel(float[] x, float[] dy, float[]? dx, int n, int c, int h, int w, int parts, int workers) =>
        RunPartitions(parts, workers, p => BackwardShifted(x, dy, dx, p * n / parts, (p + 1) * n / parts, c, h, w, _partColumns[p], _partGrads[p]));

    // Per sample: xp = pad(x_s); dyp (Cout planes) = dy_s placed MaxTap values into zeroed planes of the grid's width, so that
    // dW (Cout, C·k) += rows of dyp · shifted rows of xp (dot products over the grid), and the full correlation
    // dxp = W_flipped (C, Cout·k) · [shifted runs of dyp] gives dx_s (the H × W interior of the padded frame).
    private void BackwardShifted(float[] xData, float[] dyData, float[]? dxData, int first, int end, int c, int h, int w, float[] scratch, float[] dWeight)
    {
        var f = _own.Frame;
        int inSize = c * h * w, outSize = OutChannels * f.Ho * f.Wo, taps = KernelArea, k = c * taps;
        var xp = scratch.AsSpan(0, c * f.InputPlane);
        var dyp = scratch.AsSpan(c * f.InputPlane, OutChannels * f.GradPlane);
        var dxGrid = scratch.AsSpan(c * f.InputPlane + OutChannels * f.GradPlane, c * h * f.Wp);
        var dW = dWeight.AsSpan(0, OutChannels * k);
        dW.Clear();
        int dotLength = ShiftedConvolution.RoundUp(f.Grid, 16);
        for (int s = first; s < end; s++)
        {
            ShiftedConvolution.Place(xData.AsSpan(s * inSize, inSize), c, h, w, xp, f.InputPlane, f.Top * f.Wp + f.Left, f.Wp);
            ShiftedConvolution.Place(dyData.AsSpan(s * outSize, outSize), OutChannels, f.Ho, f.Wo, dyp, f.GradPlane, f.MaxTap, f.Wp);
            ShiftedConvolution.DotAccumulate(OutChannels, k, dotLength, dyp[f.MaxTap..], f.GradPlane, xp, _own.RowOffsets, dW, k);
            if (dxData is null) continue;
            ShiftedConvolution.Multiply(c, OutChannels * taps, h * f.Wp, _packedFlipped, dyp, _gradRowOffsets, dxGrid, h * f.Wp, 1);
            ShiftedConvolution.Compact(dxGrid, c, h * f.Wp, f.Wp, f.Left, h, w, dxData.AsSpan(s * inSize, inSize));
        }
    }

    // dW (Cout, C·k) += Σ_s dy_s (Cout, Ho·Wo) · col_sᵀ;  dcol (C·k, Ho·Wo) = Wᵀ · dy_s;  dx_s = col2im(dcol);  db += Σ dy
    private void BackwardDirect(float[] x, float[] dy, float[]? dx, int n, int c, int h, int w, int ho, int wo)
    {
        int ck = c * KernelArea, plane = ho * wo, wLength = OutChannels * ck;
        var (parts, workers) = Partitioning(n, Threads);
        bool shifted = UseShifted;
        if (shifted) PrepareShiftedGradient(h, w, Weight.Value.Data);
        for (int p = 0; p < parts; p++)
        {
            Grow(ref _partColumns, p, shifted ? ShiftedBackwardScratch(_own.Frame, c) : 2 * ck * plane);
            Grow(ref _partGrads, p, wLength);
        }
        if (shifted && workers <= 1)
        {
            for (int p = 0; p < parts; p++)
                BackwardShifted(x, dy, dx, p * n / parts, (p + 1) * n / parts, c, h, w, _partColumns[p], _partGrads[p]);
        }
        else if (shifted) BackwardShiftedParallel(x, dy, dx, n, c, h, w, parts, workers);
        else if (workers <= 1)
        {
            for (int p = 0; p < parts; p++)
                BackwardSamples(x, dy, dx, p * n / parts, (p + 1) * n / parts, c, h, w, ho, wo, _partColumns[p], _partGrads[p], parts == 1 ? Threads : 1);
        }
        else BackwardParallel(x, dy, dx, n, c, h, w, ho, wo, parts, workers);
        var dWeight = Weight.Grad.Span;
        for (int p = 0; p < parts; p++) System.Numerics.Tensors.TensorPrimitives.Add(dWeight, _partGrads[p].AsSpan(0, wLength), dWeight);
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int s = 0; s < n; s++) AccumulateBiasGrad(dy.AsSpan(s * OutChannels * plane, OutChannels * plane), db, plane);
        }
    }

    private void BackwardParallel(float[] x, float[] dy, float[]? dx, int n, int c, int h, int w, int ho, int wo, int parts, int workers) =>
        RunPartitions(parts, workers, p =>
            BackwardSamples(x, dy, dx, p * n / parts, (p + 1) * n / parts, c, h, w, ho, wo, _partColumns[p], _partGrads[p], 1));

    private void BackwardSamples(float[] xData, float[] dyData, float[]? dxData, int first, int end, int c, int h, int w, int ho, int wo, float[] buffer, float[] dWeight, int threads)
    {
        int ck = c * KernelArea, plane = ho * wo, inSize = c * h * w, outSize = OutChannels * plane;
        bool pointwise = IsPointwise;
        var col = buffer.AsSpan(0, ck * plane);
        var dcol = buffer.AsSpan(ck * plane, ck * plane);
        var weight = Weight.Value.Span;
        var dW = dWeight.AsSpan(0, OutChannels * ck);
        int chunkRows = ChunkRows(ck, ho, wo);
        for (int s = first; s < end; s++)
        {
            var dys = dyData.AsSpan(s * outSize, outSize);
            var xs = xData.AsSpan(s * inSize, inSize);
            if (pointwise)
            {
                Sgemm.Multiply(false, true, OutChannels, ck, plane, 1f, dys, plane, xs, plane, s == first ? 0f : 1f, dW, ck, threads);
                if (dxData is not null)
                    Sgemm.Multiply(true, false, ck, plane, OutChannels, 1f, weight, ck, dys, plane, 0f, dxData.AsSpan(s * inSize, inSize), plane, threads);
                continue;
            }
            var dxs = dxData is null ? default : dxData.AsSpan(s * inSize, inSize);
            if (dxData is not null) dxs.Clear();
            // Output rows in cache-sized chunks, as in the forward pass:
            // dW += dy[:, rows] · colᵀ;  dcol = Wᵀ · dy[:, rows];  dx += col2im(dcol).
            for (int r0 = 0; r0 < ho; r0 += chunkRows)
            {
                int r1 = Math.Min(ho, r0 + chunkRows), cols = (r1 - r0) * wo;
                var colChunk = col[..(ck * cols)];
                var dyChunk = dys[(r0 * wo)..];
                Im2Col.Unfold(xs, c, h, w, Geometry, wo, r0, r1, colChunk);
                Sgemm.Multiply(false, true, OutChannels, ck, cols, 1f, dyChunk, plane, colChunk, cols, s == first && r0 == 0 ? 0f : 1f, dW, ck, threads);
                if (dxData is null) continue;
                var dcolChunk = dcol[..(ck * cols)];
                Sgemm.Multiply(true, false, ck, cols, OutChannels, 1f, weight, ck, dyChunk, plane, 0f, dcolChunk, cols, threads);
                Im2Col.FoldAddConsuming(dcolChunk, c, h, w, Geometry, wo, r0, r1, dxs);
            }
        }
    }

    // Transposed convolution: col (Cout·k, H·W) = Wᵀ (Cout·k, C) · x_s (C, H·W); y_s = col2im(col) + b
    private void ForwardTransposed(ReadOnlySpan<float> x, Span<float> y, int n, int c, int h, int w, int ho, int wo)
    {
        int ok = OutChannels * KernelArea, plane = h * w, outPlane = ho * wo;
        var col = GrowTo(ref _own.Columns, ok * plane).AsSpan(0, ok * plane);
        var weight = Weight.Value.Span;
        y.Clear();
        for (int s = 0; s < n; s++)
        {
            Sgemm.Multiply(true, false, ok, plane, c, 1f, weight, ok, x.Slice(s * c * plane, c * plane), plane, 0f, col, plane, Threads);
            var ys = y.Slice(s * OutChannels * outPlane, OutChannels * outPlane);
            Im2Col.FoldAdd(col, OutChannels, ho, wo, Geometry, h, w, ys);
            if (Bias is not null) AddBias(ys, Bias.Value.Span, outPlane);
        }
    }

    // dcol (Cout·k, H·W) = im2col(dy_s);  dx_s (C, H·W) = W (C, Cout·k) · dcol;  dW += x_s · dcolᵀ;  db += Σ dy
    private void BackwardTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int n, int c, int h, int w, int ho, int wo)
    {
        int ok = OutChannels * KernelArea, plane = h * w, outPlane = ho * wo;
        var dcol = GrowTo(ref _own.Columns, ok * plane).AsSpan(0, ok * plane);
        var weight = Weight.Value.Span;
        var dWeight = Weight.Grad.Span;
        for (int s = 0; s < n; s++)
        {
            var dys = dy.Slice(s * OutChannels * outPlane, OutChannels * outPlane);
            Im2Col.Unfold(dys, OutChannels, ho, wo, Geometry, h, w, dcol);
            Sgemm.Multiply(false, false, c, plane, ok, 1f, weight, ok, dcol, plane, 0f, dx.Slice(s * c * plane, c * plane), plane, Threads);
            Sgemm.Multiply(false, true, c, ok, plane, 1f, x.Slice(s * c * plane, c * plane), plane, dcol, plane, 1f, dWeight, ok, Threads);
            if (Bias is not null) AccumulateBiasGrad(dys, Bias.Grad.Span, outPlane);
        }
    }
}
