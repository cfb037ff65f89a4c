using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Tests;

/// <summary>Every layer against PyTorch 1.13: output, input gradient, parameter gradients (relative 1e-4).</summary>
public class GoldenLayerTests
{
    public static TheoryData<string> LayerCases() => [.. NeuralGolden.Names("layers.json")];

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void MatchesPyTorch(string name)
    {
        var c = NeuralGolden.Case("layers.json", name);
        var layer = NeuralGolden.MakeLayer(name);
        NeuralGolden.LoadState(layer, c.GetProperty("state"));
        var x = NeuralGolden.ToTensor(c.GetProperty("input"));
        var expectedOut = c.GetProperty("output");
        var shape = expectedOut.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(shape, layer.OutputShape(x.Shape));

        var y = layer.Forward(x, training: true);
        Assert.Equal(shape, y.ShapeArray());
        Close.All(NeuralGolden.Doubles(expectedOut), y.Span, what: $"{name} output");

        layer.ZeroGrad();
        var dx = layer.Backward(NeuralGolden.ToTensor(c.GetProperty("grad_output")));
        Close.All(NeuralGolden.Doubles(c.GetProperty("grad_input")), dx.Span, what: $"{name} grad input");
        var named = layer.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        var grads = c.GetProperty("grads").EnumerateObject().ToList();
        Assert.Equal(grads.Select(g => g.Name).Order(), named.Keys.Order());
        foreach (var g in grads)
            Close.All(NeuralGolden.Doubles(g.Value), named[g.Name].Grad.Span, what: $"{name} grad {g.Name}");

        if (c.TryGetProperty("buffers_after", out var buffers))
        {
            var state = layer.State().ToDictionary(s => s.Key, s => s.Value);
            foreach (var b in buffers.EnumerateObject())
                Close.All(NeuralGolden.Doubles(b.Value), state[b.Name].Span, what: $"{name} {b.Name}");
            var eval = layer.Forward(x, training: false);
            Close.All(NeuralGolden.Doubles(c.GetProperty("eval_output")), eval.Span, what: $"{name} eval output");
        }
    }

    [Fact]
    public void StateNamesFollowPyTorch()
    {
        var seq = (Sequential)NeuralGolden.MakeLayer("sequential");
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "5.weight", "5.bias"], seq.State().Select(s => s.Key));
        Assert.Equal(6, seq.Parameters().Count);
    }
}
