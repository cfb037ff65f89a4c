using SemgKit.Neural.Losses;

namespace SemgKit.Neural.Tests;

public class LossTests
{
    public static TheoryData<string> Cases() => [.. NeuralGolden.Names("losses.json")];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = NeuralGolden.Case("losses.json", name);
        float value;
        Tensor grad;
        if (c.GetProperty("kind").GetString() == "mse")
        {
            var mse = new MseLoss();
            value = mse.Forward(NeuralGolden.ToTensor(c.GetProperty("prediction")), NeuralGolden.ToTensor(c.GetProperty("target")));
            grad = mse.Backward();
        }
        else
        {
            var (loss, z, labels) = GradientCheckTests.MakeCrossEntropy(c);
            value = loss.Forward(z, labels);
            grad = loss.Backward();
        }
        Close.All([c.GetProperty("loss").GetDouble()], [value], 1e-5, $"{name} loss");
        Close.All(NeuralGolden.Doubles(c.GetProperty("grad")), grad.Span, 1e-4, $"{name} grad");
    }

    [Fact]
    public void CrossEntropyIsStableForHugeLogits()
    {
        var loss = new SoftmaxCrossEntropyLoss();
        var z = new Tensor([1000f, -1000f, 0f], 1, 3);
        Assert.Equal(0f, loss.Forward(z, [0]), 1e-6f);
        Assert.Equal(2000f, loss.Forward(z, [1]), 1e-2f);
        Assert.All(loss.Backward().Data, v => Assert.True(float.IsFinite(v)));
    }
}
