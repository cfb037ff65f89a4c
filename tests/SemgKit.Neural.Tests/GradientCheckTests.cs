using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;

namespace SemgKit.Neural.Tests;

/// <summary>Finite-difference checks of every layer (on the golden shapes, seeded weights) and both losses.</summary>
public class GradientCheckTests
{
    public static TheoryData<string> LayerCases() => [.. NeuralGolden.Names("layers.json")];

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayerGradients(string name)
    {
        var layer = NeuralGolden.MakeLayer(name);
        layer.Initialize(5);
        var x = NeuralGolden.ToTensor(NeuralGolden.Case("layers.json", name).GetProperty("input"));
        GradCheck.Layer(layer, x, training: true);
    }

    [Theory]
    [InlineData("batchnorm1d")]
    [InlineData("batchnorm2d")]
    [InlineData("sequential")]
    public void EvalModeGradients(string name)
    {
        var layer = NeuralGolden.MakeLayer(name);
        layer.Initialize(6);
        var x = NeuralGolden.ToTensor(NeuralGolden.Case("layers.json", name).GetProperty("input"));
        layer.Forward(x, training: true); // move running statistics away from (0, 1)
        GradCheck.Layer(layer, x, training: false);
    }

    [Fact]
    public void OddGeometries()
    {
        GradCheck.Layer(Init(new Conv2d(2, 3, (2, 3), (3, 2), new Padding(2, 1), (2, 1))), RandomTensors.Normal(1, 2, 2, 7, 8));
        GradCheck.Layer(Init(new Conv1d(3, 2, 5, stride: 3, padding: 4, dilation: 2)), RandomTensors.Normal(2, 2, 3, 13));
        GradCheck.Layer(Init(new ConvTranspose2d(2, 2, (3, 2), (2, 3), (1, 0), (1, 2), (1, 1))), RandomTensors.Normal(3, 2, 2, 3, 4));
        GradCheck.Layer(Init(new ConvTranspose1d(2, 3, 3, stride: 3, padding: 2, dilation: 2, outputPadding: 1)), RandomTensors.Normal(4, 2, 2, 5));
        GradCheck.Layer(Init(new Conv2d(3, 2, 1, bias: false)), RandomTensors.Normal(5, 2, 3, 3, 3));
        GradCheck.Layer(Init(new Permute(2, 0, 3, 1)), RandomTensors.Normal(6, 2, 3, 4, 5));
        GradCheck.Layer(Init(new Branch(new Dense(4, 2), new Sequential(new Dense(4, 3), new Sigmoid()))), RandomTensors.Normal(7, 3, 4));
    }

    [Fact]
    public void DropoutWithFixedMask()
    {
        var dropout = new Dropout(0.3f);
        GradCheck.Layer(dropout, RandomTensors.Normal(8, 4, 6), training: true, beforeForward: () => dropout.Initialize(11));
        GradCheck.Layer(dropout, RandomTensors.Normal(9, 4, 6), training: false);
    }

    public static TheoryData<string> LossCases() => [.. NeuralGolden.Names("losses.json")];

    [Theory]
    [MemberData(nameof(LossCases))]
    public void LossGradients(string name)
    {
        var c = NeuralGolden.Case("losses.json", name);
        if (c.GetProperty("kind").GetString() == "mse")
        {
            var p = NeuralGolden.ToTensor(c.GetProperty("prediction"));
            var t = NeuralGolden.ToTensor(c.GetProperty("target"));
            var mse = new MseLoss();
            mse.Forward(p, t);
            var g = mse.Backward().Clone();
            GradCheck.CompareNumeric(p.Span, g.Span, () => mse.Forward(p, t), 1e-3f, 1e-2, 1e-4, name);
            return;
        }
        var (loss, z, labels) = MakeCrossEntropy(c);
        loss.Forward(z, labels);
        var dz = loss.Backward().Clone();
        GradCheck.CompareNumeric(z.Span, dz.Span, () => loss.Forward(z, labels), 1e-3f, 1e-2, 1e-4, name);
    }

    internal static (SoftmaxCrossEntropyLoss Loss, Tensor Logits, int[] Labels) MakeCrossEntropy(System.Text.Json.JsonElement c)
    {
        var weights = c.GetProperty("weights");
        float[]? w = weights.ValueKind == System.Text.Json.JsonValueKind.Null ? null : [.. weights.EnumerateArray().Select(e => (float)e.GetDouble())];
        var loss = new SoftmaxCrossEntropyLoss(w, (float)c.GetProperty("smoothing").GetDouble());
        return (loss, NeuralGolden.ToTensor(c.GetProperty("logits")), [.. c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32())]);
    }

    private static Layer Init(Layer layer)
    {
        layer.Initialize(3);
        return layer;
    }
}

public class DropoutTests
{
    [Fact]
    public void InvertedScalingSeededMaskAndIdentityInEval()
    {
        var x = new Tensor(10000);
        x.Fill(2f);
        var dropout = new Dropout(0.25f, seed: 4);
        var y = dropout.Forward(x, training: true).Span.ToArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 2f / 0.75f) < 1e-6, $"{v}"));
        Assert.InRange(y.Count(v => v == 0f) / 10000.0, 0.23, 0.27);
        Assert.Equal(y, new Dropout(0.25f, seed: 4).Forward(x, training: true).Span.ToArray()); // same seed, same mask
        Assert.Same(x, dropout.Forward(x, training: false));
    }

    [Fact]
    public void MaskKeepsTheValueWhoseUniformDrawReachesP()
    {
        // the mask is the per-value rule u ≥ p over the layer's Rng sequence, whatever the vector width (4 099: a tail)
        const float p = 0.4f;
        var x = RandomTensors.Normal(3, 4099);
        var y = new Dropout(p, seed: 9).Forward(x, training: true).Span.ToArray();
        var rng = new Rng(9);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(rng.NextFloat() >= p ? x.Span[i] * (1f / (1f - p)) : 0f, y[i]);
        var values = new float[1001];
        var a = new Rng(5);
        a.NextFloats(values);
        var b = new Rng(5);
        Assert.All(Enumerable.Range(0, values.Length), i => Assert.Equal(b.NextFloat(), values[i]));
        Assert.Equal(b.NextUInt64(), a.NextUInt64()); // the state advanced as far
    }
}

public class DropLastTests
{
    [Fact]
    public void DropLastAvoidsABatchOfOneWithBatchNorm()
    {
        var model = new Layers.Sequential(new Layers.Dense(3, 4), new Layers.BatchNorm1d(4), new Layers.Dense(4, 2));
        model.Initialize(1);
        var data = new Training.LabeledData(RandomTensors.Normal(1, 9, 3), [0, 1, 0, 1, 0, 1, 0, 1, 0]);
        var options = new Training.TrainerOptions { Epochs = 2, BatchSize = 4 };
        Assert.Throws<ArgumentException>(() => Training.Trainer.Fit(model, data, null, options, cancellationToken: TestContext.Current.CancellationToken));
        var history = Training.Trainer.Fit(model, data, null, options with { DropLast = true }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, history.Epochs.Count);
    }
}
