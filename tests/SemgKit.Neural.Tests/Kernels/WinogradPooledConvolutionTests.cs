using SemgKit.Neural.Kernels;
using SemgKit.Neural.Layers;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests.Kernels;

/// <summary>
/// The fused inference of 3×3 conv blocks by Winograd's F(2×2, 3×3) (<see cref="WinogradPooledConvolution"/>) against a
/// naive double-precision conv → BatchNorm (running statistics) → ReLU → 2×2 max-pool, and against the block's direct
/// (shifted-convolution) inference: odd sizes, channel counts that are not multiples of the register tile, pooled widths
/// over one vector (two column blocks), no padding, asymmetric padding, batches, 1 and 2 threads (the same bits).
/// </summary>
public class WinogradPooledConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int> Cases() => new()
    {
        // c, cout, h, w, padH, padW
        { 3, 5, 11, 9, 1, 1 },
        { 16, 32, 13, 30, 1, 1 },   // spectrogram-cnn's first block, fewer rows
        { 13, 25, 7, 6, 1, 1 },
        { 5, 7, 9, 41, 1, 1 },      // 20 pooled columns: two 16-tile blocks per row
        { 4, 14, 10, 8, 0, 0 },
        { 2, 3, 6, 7, 1, 0 },
        { 1, 1, 2, 2, 1, 1 },       // one pooling window
        { 64, 64, 32, 7, 1, 1 },    // spectrogram-cnn's third block
    };

    private static ConvBlock Block(int c, int cout, int padH, int padW, ulong seed)
    {
        var block = new ConvBlock(new Conv2d(c, cout, (3, 3), (1, 1), new Padding(padH, padW), (1, 1)), new BatchNorm2d(cout), new MaxPool2d(2));
        block.Initialize(seed);
        var rng = new Rng(seed + 1);
        var norm = block.Norm;
        for (int i = 0; i < cout; i++)
        {
            norm.RunningMean.Span[i] = (float)(0.3 * rng.NextNormal());
            norm.RunningVar.Span[i] = (float)(0.5 + rng.NextDouble());
            norm.Weight.Value.Span[i] = (float)rng.NextNormal(); // some scales negative: the fold must keep the max right
            norm.Bias.Value.Span[i] = (float)(0.2 * rng.NextNormal());
        }
        return block;
    }

    /// <summary>Naive conv (double sums) → BatchNorm with running statistics → ReLU → 2×2 max-pool (floor).</summary>
    private static double[] Naive(ConvBlock block, Tensor x, int padH, int padW)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3), cout = block.Convolution.OutChannels;
        int ho = h + 2 * padH - 2, wo = w + 2 * padW - 2, ph = ho / 2, pw = wo / 2;
        var xs = x.Span.ToArray();
        var weight = block.Convolution.Weight.Value.Span.ToArray();
        var bias = block.Convolution.Bias!.Value.Span.ToArray();
        var norm = block.Norm;
        var y = new double[n * cout * ph * pw];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < cout; o++)
            {
                double scale = norm.Weight.Value.Span[o] / Math.Sqrt(norm.RunningVar.Span[o] + norm.Eps);
                for (int i = 0; i < ph; i++)
                    for (int j = 0; j < pw; j++)
                    {
                        double best = double.NegativeInfinity;
                        for (int di = 0; di < 2; di++)
                            for (int dj = 0; dj < 2; dj++)
                            {
                                int oy = 2 * i + di, ox = 2 * j + dj;
                                double sum = bias[o];
                                for (int ci = 0; ci < c; ci++)
                                    for (int ki = 0; ki < 3; ki++)
                                        for (int kj = 0; kj < 3; kj++)
                                        {
                                            int iy = oy - padH + ki, ix = ox - padW + kj;
                                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                            sum += xs[((s * c + ci) * h + iy) * w + ix] * (double)weight[((o * c + ci) * 3 + ki) * 3 + kj];
                                        }
                                double z = (sum - norm.RunningMean.Span[o]) * scale + norm.Bias.Value.Span[o];
                                best = Math.Max(best, Math.Max(z, 0));
                            }
                        y[((s * cout + o) * ph + i) * pw + j] = best;
                    }
            }
        return y;
    }

    private static float[] Infer(ConvBlock block, Tensor x, bool? winograd, int threads)
    {
        block.WinogradPath = winograd;
        block.SetThreads(threads);
        return block.Forward(x, training: false).Span.ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheNaiveBlockAndTheDirectInference(int c, int cout, int h, int w, int padH, int padW)
    {
        Assert.SkipUnless(WinogradPooledConvolution.IsSupported, "no AVX-512 on this machine: the Winograd path does not run here");
        var block = Block(c, cout, padH, padW, 5);
        foreach (int n in new[] { 1, 3 })
        {
            var x = RandomTensors.Normal((ulong)(10 + n), n, c, h, w);
            var expected = Naive(block, x, padH, padW);
            var winograd = Infer(block, x, null, 1);
            Close.All(expected, winograd, 1e-4, $"Winograd, batch {n}");
            Close.All(Infer(block, x, false, 1), winograd, 1e-4, $"Winograd against direct, batch {n}");
            Assert.Equal(winograd, Infer(block, x, null, 2));
        }
    }

    [Fact]
    public void SeesParameterAndStatisticChangesBetweenCalls()
    {
        Assert.SkipUnless(WinogradPooledConvolution.IsSupported, "no AVX-512 on this machine: the Winograd path does not run here");
        var block = Block(6, 9, 1, 1, 3);
        var x = RandomTensors.Normal(4, 2, 6, 12, 10);
        Infer(block, x, null, 1);
        block.Convolution.Weight.Value.Span[7] += 0.5f;
        Close.All(Naive(block, x, 1, 1), Infer(block, x, null, 1), 1e-4, "after a weight change");
        block.Norm.RunningVar.Span[2] *= 3;
        block.Convolution.Bias!.Value.Span[4] -= 1;
        Close.All(Naive(block, x, 1, 1), Infer(block, x, null, 1), 1e-4, "after statistic and bias changes");
        var other = RandomTensors.Normal(5, 1, 6, 9, 16); // a new input size re-plans the tiles
        Close.All(Naive(block, other, 1, 1), Infer(block, other, null, 1), 1e-4, "after a new input size");
    }

    /// <summary>Runs one block's 2-thread inference inside a fork-join part (its own fork then runs inline on that thread).</summary>
    private readonly struct Nested(ConvBlock[] blocks, Tensor x, float[][] results) : IForkJoinBody
    {
        public void Run(int part, int parts) => results[part] = blocks[part].Forward(x, training: false).Span.ToArray();
    }

    [Fact]
    public void RunsInsideAForkJoinPartOnAnyThread()
    {
        Assert.SkipUnless(WinogradPooledConvolution.IsSupported, "no AVX-512 on this machine: the Winograd path does not run here");
        var blocks = new[] { Block(64, 64, 1, 1, 8), Block(64, 64, 1, 1, 8) };
        foreach (var b in blocks) b.SetThreads(2);
        var x = RandomTensors.Normal(9, 1, 64, 32, 7);
        var expected = Infer(Block(64, 64, 1, 1, 8), x, null, 1);
        for (int repeat = 0; repeat < 50; repeat++)
        {
            var results = new float[2][];
            ForkJoin.Run(2, new Nested(blocks, x, results));
            Assert.Equal(expected, results[0]);
            Assert.Equal(expected, results[1]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteadyStateAllocatesNothing(int threads)
    {
        Assert.SkipUnless(WinogradPooledConvolution.IsSupported, "no AVX-512 on this machine: the Winograd path does not run here");
        var block = Block(16, 32, 1, 1, 2);
        block.SetThreads(threads);
        var x = RandomTensors.Normal(6, 1, 16, 64, 30);
        for (int i = 0; i < 5; i++) block.Forward(x, training: false);
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 10; i++) block.Forward(x, training: false);
        }));
    }
}
