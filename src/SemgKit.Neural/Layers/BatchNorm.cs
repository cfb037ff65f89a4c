using System.Numerics.Tensors;
using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Layers;

/// <summary>
/// Batch normalisation over every axis but the channel axis 1, <c>torch.nn.BatchNorm1d/2d</c>. Training: normalise with
/// the batch mean and biased variance and update running_mean/running_var with <see cref="Momentum"/> (0.1) using the
/// unbiased variance; <c>training=false</c>: normalise with the running statistics. Weight (γ, ones) and bias (β, zeros).
/// </summary>
public abstract class BatchNorm : Layer
{
    private Tensor? _input, _output, _gradInput;
    private readonly float[] _invStd;
    private readonly float[] _mean;
    private readonly double[] _sumA, _sumB; // per-channel accumulators: loops run sample-major, channel-minor (sequential memory)
    private readonly float[] _gradientCoefficients; // (a, b, c) per channel of dx = dy·a + (x − mean)·b + c
    private bool _lastTraining;

    private protected BatchNorm(int channels, double eps, double momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        Channels = channels;
        Eps = eps;
        Momentum = momentum;
        Weight = new Parameter("weight", channels);
        Bias = new Parameter("bias", channels);
        RunningMean = new Tensor(channels);
        RunningVar = new Tensor(channels);
        _invStd = new float[channels];
        _mean = new float[channels];
        _sumA = new double[channels];
        _sumB = new double[channels];
        _gradientCoefficients = new float[3 * channels];
        ResetParameters(new Rng(0));
    }

    public int Channels { get; }
    public double Eps { get; }
    public double Momentum { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public Tensor RunningMean { get; }
    public Tensor RunningVar { get; }

    protected override IEnumerable<Parameter> OwnParameters => [Weight, Bias];

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnBuffers => [new("running_mean", RunningMean), new("running_var", RunningVar)];

    /// <summary>PyTorch default: γ = 1, β = 0, running mean 0, running variance 1 (no randomness).</summary>
    protected override void ResetParameters(Rng rng)
    {
        Weight.Value.Fill(1);
        Bias.Value.Clear();
        RunningMean.Clear();
        RunningVar.Fill(1);
    }

    private protected abstract void CheckShape(ReadOnlySpan<int> shape);

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        CheckShape(inputShape);
        if (inputShape[1] != Channels)
            throw new ArgumentException($"{GetType().Name} expects {Channels} channels, got {Tensor.ShapeString(inputShape)}.");
        return inputShape.ToArray();
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckShape(input.Shape);
        if (input.Dim(1) != Channels) OutputShape(input.Shape);
        int n = input.Dim(0), inner = input.Length / (n * Channels);
        if (training)
        {
            BatchStatistics(input, _mean, _invStd); // throws for a single value per channel
        }
        else
        {
            for (int c = 0; c < Channels; c++)
            {
                _mean[c] = RunningMean.Span[c];
                _invStd[c] = (float)(1 / Math.Sqrt(RunningVar.Span[c] + Eps));
            }
        }
        _input = input;
        _lastTraining = training;
        var y = Tensor.Reuse(ref _output, input.Shape);
        var x = input.Span;
        var ys = y.Span;
        var gamma = Weight.Value.Span;
        var beta = Bias.Value.Span;
        // y = γ·x̂ + β with x̂ = (x − mean)·invStd, in one pass: (x − mean)·(γ·invStd) + β
        for (int s = 0; s < n; s++)
            for (int c = 0; c < Channels; c++)
            {
                int o = (s * Channels + c) * inner;
                NormKernels.Normalize(x.Slice(o, inner), _mean[c], (float)(gamma[c] * (double)_invStd[c]), beta[c], ys.Slice(o, inner));
            }
        return y;
    }

    /// <summary>
    /// The training-mode statistics of <paramref name="input"/> per channel (mean, 1/√(biased var + ε)), updating the
    /// running statistics: two passes, per-slice float sums accumulated in double in sample order, then Σ(x − mean)²
    /// (centred: no cancellation). <see cref="Forward"/> uses it, and so do blocks that apply the normalisation themselves
    /// (fused). Does not cache anything for <see cref="Backward"/>.
    /// </summary>
    internal void BatchStatistics(Tensor input, Span<float> mean, Span<float> invStd)
    {
        CheckShape(input.Shape);
        if (input.Dim(1) != Channels) OutputShape(input.Shape);
        int n = input.Dim(0), inner = input.Length / (n * Channels), m = n * inner;
        if (m <= 1)
            throw new ArgumentException($"{GetType().Name}: expected more than 1 value per channel when training, got {Tensor.ShapeString(input.Shape)}.");
        var runMean = RunningMean.Span;
        var runVar = RunningVar.Span;
        Array.Clear(_sumA);
        Array.Clear(_sumB);
        int parts = ChannelParts(Channels, input.Length, Threads);
        ForkJoin.Run(parts, new SumsJob(this, input, centred: false), parts);
        for (int c = 0; c < Channels; c++) mean[c] = (float)(_sumA[c] / m);
        ForkJoin.Run(parts, new SumsJob(this, input, centred: true), parts);
        for (int c = 0; c < Channels; c++)
        {
            double mu = _sumA[c] / m, sq = _sumB[c];
            runMean[c] = (float)((1 - Momentum) * runMean[c] + Momentum * mu);
            runVar[c] = (float)((1 - Momentum) * runVar[c] + Momentum * sq / (m - 1));
            invStd[c] = (float)(1 / Math.Sqrt(sq / m + Eps));
        }
    }

    /// <summary>
    /// How many channel ranges a pass over <paramref name="values"/> values of <paramref name="channels"/> channels runs in
    /// on up to <paramref name="threads"/> workers: one below 64 Ki values (forking costs more than it saves).
    /// Each channel's sums still run over the samples in order, in one part, so results do not depend on the thread count.
    /// </summary>
    internal static int ChannelParts(int channels, long values, int threads) => values < 1 << 16 ? 1 : Math.Clamp(threads, 1, channels);

    // Σx (or Σ(x − mean)² with the means of the first pass) per channel of channels [c0, c1), sample-major.
    private void Sums(Tensor input, bool centred, int c0, int c1)
    {
        var x = input.Span;
        int n = input.Dim(0), inner = input.Length / (n * Channels), m = n * inner;
        for (int s = 0; s < n; s++)
            for (int c = c0; c < c1; c++)
            {
                var slice = x.Slice((s * Channels + c) * inner, inner);
                if (centred) _sumB[c] += NormKernels.SumSquaredDeviation(slice, (float)(_sumA[c] / m));
                else _sumA[c] += TensorPrimitives.Sum(slice);
            }
    }

    private readonly struct SumsJob(BatchNorm norm, Tensor input, bool centred) : IForkJoinBody
    {
        public void Run(int part, int parts) => norm.Sums(input, centred, part * norm.Channels / parts, (part + 1) * norm.Channels / parts);
    }

    /// <summary>
    /// From per-channel Σdy and Σdy·(x − mean) over M values: accumulates dγ += Σdy·x̂ and dβ += Σdy, and writes the
    /// coefficients (a, b, c) per channel of dx = dy·a + (x − mean)·b + c — in training a = γ·invStd,
    /// b = −a·invStd·Σ(dy·x̂)/M, c = −a·Σdy/M; in eval b = c = 0. Shared with fused blocks.
    /// </summary>
    internal void GradientCoefficients(ReadOnlySpan<double> sumDy, ReadOnlySpan<double> sumDyCentered, ReadOnlySpan<float> invStd, long m, bool training, Span<float> coefficients)
    {
        var gamma = Weight.Value.Span;
        var dGamma = Weight.Grad.Span;
        var dBeta = Bias.Grad.Span;
        for (int c = 0; c < Channels; c++)
        {
            double inv = invStd[c], sumDyXh = sumDyCentered[c] * inv;
            dGamma[c] += (float)sumDyXh;
            dBeta[c] += (float)sumDy[c];
            double scale = gamma[c] * inv;
            coefficients[3 * c] = (float)scale;
            coefficients[3 * c + 1] = training ? (float)(-scale * inv * sumDyXh / m) : 0f;
            coefficients[3 * c + 2] = training ? (float)(-scale * sumDy[c] / m) : 0f;
        }
    }

    // Training: dx = γ·invStd/M · (M·dy − Σdy − x̂·Σ(dy·x̂)); eval: dx = γ·invStd·dy.  dγ += Σ dy·x̂, dβ += Σ dy.
    // x̂ = (x − mean)·invStd is recomputed from the cached input instead of being stored.
    public override Tensor Backward(Tensor gradOutput)
    {
        var input = Cached(_input);
        RequireSameShape(gradOutput, _output!);
        int n = input.Dim(0), inner = input.Length / (n * Channels), m = n * inner;
        var dx = Tensor.Reuse(ref _gradInput, input.Shape);
        var x = input.Span;
        var dy = gradOutput.Span;
        var dxs = dx.Span;
        Array.Clear(_sumA);
        Array.Clear(_sumB);
        for (int s = 0; s < n; s++)
            for (int c = 0; c < Channels; c++)
            {
                int o = (s * Channels + c) * inner;
                var (a, b) = NormKernels.GradientSums(dy.Slice(o, inner), x.Slice(o, inner), _mean[c]);
                _sumA[c] += a;
                _sumB[c] += b;
            }
        var k = _gradientCoefficients;
        GradientCoefficients(_sumA, _sumB, _invStd, m, _lastTraining, k);
        for (int s = 0; s < n; s++)
            for (int c = 0; c < Channels; c++)
            {
                int o = (s * Channels + c) * inner;
                NormKernels.InputGradient(dy.Slice(o, inner), x.Slice(o, inner), _mean[c], k[3 * c], k[3 * c + 1], k[3 * c + 2], dxs.Slice(o, inner));
            }
        return dx;
    }
}

/// <summary><c>torch.nn.BatchNorm1d</c> over (N, C) or (N, C, T).</summary>
public sealed class BatchNorm1d(int channels, double eps = 1e-5, double momentum = 0.1) : BatchNorm(channels, eps, momentum)
{
    private protected override void CheckShape(ReadOnlySpan<int> shape)
    {
        if (shape.Length is not (2 or 3))
            throw new ArgumentException($"BatchNorm1d expects (N, C) or (N, C, T), got {Tensor.ShapeString(shape)}.");
    }
}

/// <summary><c>torch.nn.BatchNorm2d</c> over (N, C, H, W).</summary>
public sealed class BatchNorm2d(int channels, double eps = 1e-5, double momentum = 0.1) : BatchNorm(channels, eps, momentum)
{
    private protected override void CheckShape(ReadOnlySpan<int> shape) => RequireRank(shape, 4, "(N, C, H, W)");
}
