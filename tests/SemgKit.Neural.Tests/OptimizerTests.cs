using SemgKit.Neural.Optimizers;

namespace SemgKit.Neural.Tests;

public class OptimizerTests
{
    public static TheoryData<string> Cases() => [.. NeuralGolden.Names("optimizers.json")];

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsMatchPyTorch(string name)
    {
        var c = NeuralGolden.Case("optimizers.json", name);
        var p = new Parameter("w", 3, 4);
        p.Value.CopyFrom(NeuralGolden.ToTensor(c.GetProperty("initial")));
        Optimizer opt = name switch
        {
            "sgd_plain" => new Sgd([p], 0.1),
            "sgd_momentum_wd" => new Sgd([p], 0.05, momentum: 0.9, weightDecay: 0.01),
            "sgd_nesterov_wd" => new Sgd([p], 0.05, momentum: 0.8, weightDecay: 0.02, nesterov: true),
            "adam" => new Adam([p], 0.01),
            "adam_wd" => new Adam([p], 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.05),
            "adamw" => new AdamW([p], 0.01, weightDecay: 0.1),
            _ => throw new ArgumentException(name),
        };
        var grads = c.GetProperty("grads").EnumerateArray().ToList();
        var values = c.GetProperty("values").EnumerateArray().ToList();
        for (int step = 0; step < grads.Count; step++)
        {
            opt.ZeroGrad();
            p.Grad.CopyFrom(NeuralGolden.ToTensor(grads[step]));
            opt.Step();
            Close.All(NeuralGolden.Doubles(values[step]), p.Value.Span, 1e-4, $"{name} step {step + 1}");
        }
    }

    [Fact]
    public void ClipByGlobalNormScalesAllGradients()
    {
        var a = new Parameter("a", 2);
        var b = new Parameter("b", 1);
        a.Grad.Span[0] = 3;
        a.Grad.Span[1] = 0;
        b.Grad.Span[0] = 4;
        double norm = GradientClipping.ClipByGlobalNorm([a, b], 1.0);
        Assert.Equal(5, norm, 1e-9);
        Assert.Equal(0.6f, a.Grad.Span[0], 1e-5f);
        Assert.Equal(0.8f, b.Grad.Span[0], 1e-5f);
        Assert.Equal(1.0, GradientClipping.ClipByGlobalNorm([a, b], 10), 1e-5);
        Assert.Equal(0.6f, a.Grad.Span[0], 1e-5f); // below the limit: unchanged
    }

    [Fact]
    public void Schedules()
    {
        var step = LearningRateSchedule.StepDecay(20, 0.5);
        Assert.Equal(1.0, step.Next(19, 1.0, 1.0, 0));
        Assert.Equal(0.5, step.Next(20, 1.0, 1.0, 0));
        Assert.Equal(0.25, step.Next(45, 1.0, 1.0, 0));

        var cosine = LearningRateSchedule.CosineAnnealing(10, 0.1);
        Assert.Equal(1.0, cosine.Next(0, 1.0, 1.0, 0), 1e-12);
        Assert.Equal(0.55, cosine.Next(5, 1.0, 1.0, 0), 1e-12);
        Assert.Equal(0.1, cosine.Next(10, 1.0, 1.0, 0), 1e-12);

        var plateau = LearningRateSchedule.ReduceOnPlateau(factor: 0.5, patience: 2);
        plateau.Reset();
        double lr = 1;
        foreach (var loss in new[] { 1.0, 0.9, 0.95, 0.91, 0.92 }) lr = plateau.Next(0, 1, lr, loss);
        Assert.Equal(0.5, lr); // three epochs without improvement > patience 2
        lr = plateau.Next(0, 1, lr, 0.5);
        Assert.Equal(0.5, lr);
    }
}
