using System.Text.Json;
using SemgKit.Neural.Layers;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests;

/// <summary>PyTorch fixtures from tests/golden/neural/make_neural_fixtures.py.</summary>
internal static class NeuralGolden
{
    private static readonly Dictionary<string, JsonElement[]> Cache = new();

    public static JsonElement[] Cases(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var cases))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("neural", file)));
                cases = [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone())];
                Cache[file] = cases;
            }
            return cases;
        }
    }

    public static JsonElement Case(string file, string name) => Cases(file).Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<string> Names(string file) => Cases(file).Select(c => c.GetProperty("name").GetString()!);

    public static Tensor ToTensor(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => (float)x.GetDouble()).ToArray();
        return new Tensor(data, shape);
    }

    public static double[] Doubles(JsonElement e) => [.. e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble())];

    /// <summary>The C# twin of each PyTorch layer case.</summary>
    public static Layer MakeLayer(string name) => name switch
    {
        "dense" or "dense_seq" => new Dense(5, 3),
        "dense_nobias" => new Dense(4, 2, bias: false),
        "conv1d" => new Conv1d(3, 4, 3, stride: 2, padding: 1),
        "conv1d_same_dilated" => new Conv1d(2, 3, 4, padding: Padding.Same, dilation: 2),
        "conv2d" => new Conv2d(3, 4, (3, 2), (2, 1), new Padding(1, 0), (1, 2)),
        "conv2d_same" => new Conv2d(2, 3, 3, padding: Padding.Same),
        "conv_transpose1d" => new ConvTranspose1d(3, 2, 4, stride: 2, padding: 1, outputPadding: 1),
        "conv_transpose2d" => new ConvTranspose2d(2, 3, 3, stride: 2, padding: 1, outputPadding: 1),
        "batchnorm1d" or "batchnorm1d_flat" => new BatchNorm1d(3),
        "batchnorm2d" => new BatchNorm2d(3),
        "maxpool1d" => new MaxPool1d(3, 2),
        "maxpool2d" => new MaxPool2d(2),
        "avgpool1d" => new AvgPool1d(3, 2),
        "avgpool2d" => new AvgPool2d((2, 3), (1, 2)),
        "global_avg_pool1d" or "global_avg_pool2d" => new GlobalAveragePool(),
        "relu" => new ReLU(),
        "leaky_relu" => new LeakyReLU(0.1f),
        "elu" => new ELU(0.7f),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        "flatten" => new Flatten(),
        "reshape" => new Reshape(4, -1),
        "permute" => new Permute(0, 2, 1),
        "sequential" => new Sequential(new Conv1d(2, 4, 3, padding: 1), new BatchNorm1d(4), new ReLU(), new MaxPool1d(2), new Flatten(), new Dense(16, 3)),
        "branch_split" => new Branch([2, 1], new Conv1d(2, 2, 3, padding: 1), new Sequential(new Conv1d(1, 3, 3, padding: 1), new Tanh())),
        _ => throw new ArgumentException($"No C# layer for golden case '{name}'."),
    };

    /// <summary>Loads the case's state (PyTorch names) into the layer strictly.</summary>
    public static void LoadState(Layer layer, JsonElement state)
    {
        var source = state.EnumerateObject().Select(p => new KeyValuePair<string, Tensor>(p.Name, ToTensor(p.Value))).ToList();
        Serialization.WeightsFile.Assign(source, layer.State());
    }
}

internal static class Close
{
    /// <summary>|a − e| ≤ rtol·(|e| + 0.05·max|e|) + 1e-6 element-wise, with the worst element in the message.</summary>
    public static void All(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double rtol = 1e-4, string what = "")
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        double maxAbs = 0;
        foreach (var e in expected) maxAbs = Math.Max(maxAbs, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = rtol * (Math.Abs(expected[i]) + 0.05 * maxAbs) + 1e-6;
            if (!(Math.Abs(actual[i] - expected[i]) <= tol))
                Assert.Fail($"{what}[{i}]: {actual[i]} vs expected {expected[i]} (tolerance {tol:g3})");
        }
    }

    public static void All(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol = 1e-4, string what = "")
    {
        var e = new double[expected.Length];
        for (int i = 0; i < e.Length; i++) e[i] = expected[i];
        All(e, actual, rtol, what);
    }
}

internal static class RandomTensors
{
    public static Tensor Normal(ulong seed, params int[] shape)
    {
        var rng = new Rng(seed);
        var t = new Tensor(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = (float)rng.NextNormal();
        return t;
    }
}

/// <summary>
/// Finite-difference gradient check: with a random upstream gradient r and objective L = Σ y·r (accumulated in double),
/// compares Backward's input and parameter gradients with central differences (L(θ+h) − L(θ−h)) / 2h.
/// </summary>
internal static class GradCheck
{
    public static void Layer(Layer layer, Tensor input, bool training = true, Action? beforeForward = null, float h = 1e-3f, double rtol = 1e-2, double atol = 2e-3)
    {
        beforeForward?.Invoke();
        var y = layer.Forward(input, training);
        var r = RandomTensors.Normal(77, y.ShapeArray());
        layer.ZeroGrad();
        var dx = layer.Backward(r).Clone();
        var parameters = layer.NamedParameters();
        var grads = parameters.Select(p => p.Value.Grad.Clone()).ToList();

        double Objective()
        {
            beforeForward?.Invoke();
            var o = layer.Forward(input, training).Span;
            var rs = r.Span;
            double sum = 0;
            for (int i = 0; i < o.Length; i++) sum += (double)o[i] * rs[i];
            return sum;
        }

        CompareNumeric(input.Span, dx.Span, Objective, h, rtol, atol, $"{layer.GetType().Name} input");
        for (int p = 0; p < parameters.Count; p++)
            CompareNumeric(parameters[p].Value.Value.Span, grads[p].Span, Objective, h, rtol, atol, $"{layer.GetType().Name} {parameters[p].Key}");
    }

    public static void CompareNumeric(Span<float> values, ReadOnlySpan<float> analytic, Func<double> objective, float h, double rtol, double atol, string what)
    {
        // values is a live span into the tensor being perturbed
        for (int i = 0; i < values.Length; i++)
        {
            float saved = values[i];
            values[i] = saved + h;
            double plus = objective();
            values[i] = saved - h;
            double minus = objective();
            values[i] = saved;
            double numeric = (plus - minus) / (2.0 * h);
            double a = analytic[i];
            if (!(Math.Abs(numeric - a) <= rtol * Math.Max(Math.Abs(numeric), Math.Abs(a)) + atol))
                Assert.Fail($"{what}[{i}]: analytic {a}, numeric {numeric}");
        }
    }
}
