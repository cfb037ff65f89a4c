using SemgKit.Neural.Layers;
using SemgKit.Neural.Models;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests;

/// <summary>Batch-1 inference of a conv stack feeding a dense layer, split over two cores by time (Layers/TimeSplitInference).</summary>
public class TimeSplitInferenceTests
{
    /// <summary>Running statistics and affine parameters away from their defaults, so the folded norm is exercised.</summary>
    private static void RandomiseNorms(Sequential model, ulong seed)
    {
        var rng = new Rng(seed);
        foreach (var block in model.Layers.OfType<ConvBlock>())
        {
            var n = block.Norm;
            foreach (var t in new[] { n.RunningMean, n.RunningVar, n.Weight.Value, n.Bias.Value })
                for (int i = 0; i < t.Length; i++) t.Span[i] = (float)(t == n.RunningVar ? 0.5 + rng.NextDouble() : rng.NextNormal());
        }
    }

    private static float[] LayerByLayer(Sequential model, Tensor x)
    {
        Tensor y = x;
        foreach (var layer in model.Layers) y = layer.Forward(y, training: false);
        return y.Span.ToArray();
    }

    [Fact]
    public void Cnn1dAtTwoThreadsIsSplitAndBitIdenticalToOneThread()
    {
        var model = Cnn1d.Create(8, 1022, 4, seed: 3);
        RandomiseNorms(model, 4);
        var x = RandomTensors.Normal(5, 1, 8, 1022);
        var one = model.Forward(x, training: false).Span.ToArray();
        Assert.Equal(one, LayerByLayer(model, x));

        var split = TimeSplitInference.TryCreate(model);
        Assert.NotNull(split);
        Assert.True(split.Applies(x));
        Assert.Equal(one, split.Forward(x).Span.ToArray());
        Assert.Equal(one, split.Forward(x, workers: 1).Span.ToArray()); // one thread runs every task in turn

        model.SetThreads(2);
        Assert.Equal(one, model.Forward(x, training: false).Span.ToArray());
        var other = RandomTensors.Normal(6, 1, 8, 1022);
        Assert.Equal(LayerByLayer(model, other), model.Forward(other, training: false).Span.ToArray());
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 10; i++) model.Forward(x, training: false);
        }));
    }

    [Theory]
    [InlineData(200)] // the stack's output has an odd number of steps: the parts differ by one
    [InlineData(203)] // an odd convolution output: the last step is dropped by the pool
    [InlineData(64)]
    public void UnevenPartsDilationAndTheLayersAfterTheDenseMatch(int length)
    {
        int t = length;
        t = (t - 2 * (5 - 1)) / 2; // dilation 2, kernel 5
        t = (t - 2) / 2;
        var model = new Sequential(
            new ConvBlock(new Conv1d(3, 12, 5, dilation: 2), new BatchNorm1d(12), new MaxPool1d(2)),
            new ConvBlock(new Conv1d(12, 7, 3), new BatchNorm1d(7), new MaxPool1d(2)),
            new Flatten(),
            new Dense(7 * t, 37), new ReLU(),
            new Dense(37, 5));
        model.Initialize(7);
        RandomiseNorms(model, 8);
        var x = RandomTensors.Normal(9, 1, 3, length);
        var expected = LayerByLayer(model, x);

        var split = TimeSplitInference.TryCreate(model)!;
        Assert.False(split.Applies(x)); // far below the work worth forking for
        split.MinWork = 0;
        Assert.True(split.Applies(x));
        Assert.Equal(expected, split.Forward(x).Span.ToArray());
        Assert.Equal(expected, split.Forward(x, workers: 1).Span.ToArray());
        var longer = RandomTensors.Normal(10, 1, 3, length + 40); // a new length re-plans; the dense layer no longer fits
        Assert.False(split.Applies(longer));
        Assert.True(split.Applies(x));
        Assert.Equal(expected, split.Forward(x).Span.ToArray());
    }

    [Fact]
    public void OnlyThePatternItSplitsIsTaken()
    {
        Assert.Null(TimeSplitInference.TryCreate(new Sequential(new Flatten(), new Dense(4, 2))));
        // padded convolution: its halo is not a plain slice of the input
        Assert.Null(TimeSplitInference.TryCreate(new Sequential(
            new ConvBlock(new Conv1d(2, 4, 3, padding: 1), new BatchNorm1d(4), new MaxPool1d(2)), new Flatten(), new Dense(4 * 8, 2))));
        // no dense layer after the stack (cnn-lstm reads it as a sequence)
        Assert.Null(TimeSplitInference.TryCreate(new Sequential(
            new ConvBlock(new Conv1d(2, 4, 3), new BatchNorm1d(4), new MaxPool1d(2)), new Flatten())));
        Assert.Null(TimeSplitInference.TryCreate(CnnLstmModel.Create(4, 200, 3, seed: 1)));

        var split = TimeSplitInference.TryCreate(Cnn1d.Create(8, 1022, 4, seed: 1))!;
        Assert.False(split.Applies(RandomTensors.Normal(1, 2, 8, 1022))); // batch 2
        Assert.False(split.Applies(RandomTensors.Normal(1, 1, 7, 1022))); // wrong channel count
        Assert.False(split.Applies(RandomTensors.Normal(1, 1, 8, 1000))); // the dense layer does not fit this length
    }

    [Fact]
    public void TrainingAtBatchOneStillRunsTheLayers()
    {
        var model = Cnn1d.Create(8, 1022, 4, seed: 3);
        model.SetThreads(2);
        var x = RandomTensors.Normal(5, 1, 8, 1022);
        var y = model.Forward(x, training: true);
        var g = new Tensor(y.ShapeArray());
        g.Span.Fill(1f);
        model.Backward(g); // throws if the forward pass did not run (and cache) the layers
        Assert.Contains(model.Parameters(), p => p.Grad.Span.ToArray().Any(v => v != 0));
    }
}
