using System.Text.Json;
using SemgKit.Neural.Kernels;
using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Models;
using SemgKit.Neural.Optimizers;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests;

/// <summary>The named architectures against PyTorch (tests/golden/neural/make_model_fixtures.py) and their performance contracts.</summary>
public class ModelZooTests
{
    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.GoldenFile("neural", "models.json")));
        return doc.RootElement.Clone();
    });

    public static TheoryData<string> GoldenCases() => [.. Fixture.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Case(string name) => Fixture.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static int[] Shape(JsonElement e) => [.. e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32())];

    private static double[] Doubles(JsonElement e)
    {
        var bytes = Convert.FromBase64String(e.GetProperty("f64").GetString()!);
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static Tensor ToTensor(JsonElement e) => new([.. Doubles(e).Select(v => (float)v)], Shape(e));

    private static BuiltModel Build(JsonElement c)
    {
        var spec = c.GetProperty("spec");
        return ModelZoo.Create(c.GetProperty("name").GetString()!, spec.GetProperty("channels").GetInt32(),
            [.. spec.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32())], spec.GetProperty("classes").GetInt32());
    }

    /// <summary>PyTorch's state_dict and ours list the same tensors in the same order (names differ: "features.body.0.weight" vs "0.0.weight").</summary>
    private static void LoadByOrder(Layer model, JsonElement state)
    {
        var ours = model.State();
        var theirs = state.EnumerateArray().ToList();
        Assert.Equal(theirs.Count, ours.Count);
        for (int i = 0; i < ours.Count; i++)
        {
            Assert.True(Shape(theirs[i]).SequenceEqual(ours[i].Value.ShapeArray()), $"{ours[i].Key} vs {theirs[i].GetProperty("name")}");
            var values = Doubles(theirs[i]);
            var span = ours[i].Value.Span;
            for (int j = 0; j < span.Length; j++) span[j] = (float)values[j];
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void MatchesPyTorch(string name)
    {
        var c = Case(name);
        var built = Build(c);
        var model = built.Model;
        Assert.Equal(c.GetProperty("parameter_count").GetInt64(), model.ParameterCount());
        LoadByOrder(model, c.GetProperty("state"));
        var x = ToTensor(c.GetProperty("input"));
        Assert.Equal(built.InputShape, x.ShapeArray()[1..]);

        var y = model.Forward(x, training: true);
        Assert.Equal(Shape(c.GetProperty("output")), y.ShapeArray());
        Close.All(Doubles(c.GetProperty("output")), y.Span, what: $"{name} output");

        model.ZeroGrad();
        model.Backward(ToTensor(c.GetProperty("grad_output")));
        var parameters = model.NamedParameters();
        var grads = c.GetProperty("grads").EnumerateArray().ToList();
        Assert.Equal(grads.Count, parameters.Count);
        for (int i = 0; i < grads.Count; i++)
            Close.All(Doubles(grads[i]), parameters[i].Value.Grad.Span, what: $"{name} grad {parameters[i].Key} ({grads[i].GetProperty("name")})");

        var buffers = model.State().Where(s => s.Key.Contains("running", StringComparison.Ordinal)).ToList();
        var expectedBuffers = c.GetProperty("buffers_after").EnumerateArray().ToList();
        Assert.Equal(expectedBuffers.Count, buffers.Count);
        for (int i = 0; i < buffers.Count; i++) Close.All(Doubles(expectedBuffers[i]), buffers[i].Value.Span, what: $"{name} {buffers[i].Key}");

        var eval = model.Forward(x, training: false); // the fused inference path
        Close.All(Doubles(c.GetProperty("eval_output")), eval.Span, what: $"{name} eval output");
    }

    [Fact]
    public void ReferenceSetupsHavePyTorchsParameterCounts()
    {
        var counts = Fixture.Value.GetProperty("reference_parameter_counts");
        // the recurrent models' counts come from /work/shared/peers/models.py as printed by PyTorch (their own golden
        // tests in recurrent_models.json also match every parameter tensor); lstm-cnn and emg-image-cnn from their PyTorch twins
        // in gesture_models.json; cnn-lstm-muscle has no PyTorch reference
        var recurrent = new Dictionary<string, long>
        {
            ["lstm"] = 25_348, ["cnn-lstm"] = 35_318, ["attention-lstm-cnn"] = 88_933, ["lstm-cnn"] = 88_533, ["emg-image-cnn"] = 84_853,
            ["cnn-lstm-muscle-stft"] = 55_460, // its PyTorch twin in recurrent_models.json matches every tensor (at a smaller size)
            ["cnn-lstm-muscle-fconv"] = 71_108, // as cnn-lstm-muscle-stft
        };
        foreach (var architecture in ModelZoo.All)
        {
            var built = architecture.CreateDefault();
            if (counts.TryGetProperty(architecture.Name, out var count))
                Assert.Equal(count.GetInt64(), built.Model.ParameterCount());
            else if (recurrent.TryGetValue(architecture.Name, out long expected))
                Assert.Equal(expected, built.Model.ParameterCount());
            Assert.Equal([1, built.Classes], built.Model.OutputShape([1, .. built.InputShape]));
        }
        Assert.Equal([8, 1022], ModelZoo.Get("cnn1d").CreateDefault().InputShape);
        Assert.Equal([16, 129, 30], ModelZoo.Get("spectrogram-cnn").CreateDefault().InputShape);
        Assert.Equal([2, 15, 10], ModelZoo.Get("lstm-cnn").CreateDefault().InputShape);
        Assert.Equal([1, 15, 10], ModelZoo.Get("emg-image-cnn").CreateDefault().InputShape);
        Assert.Equal([1, 33, 14], ModelZoo.Get("cnn-lstm-muscle-stft").CreateDefault().InputShape);
        Assert.Equal([1, 65, 6], ModelZoo.Get("cnn-lstm-muscle-fconv").CreateDefault().InputShape);
    }

    [Fact]
    public void FactoriesAcceptTheDatasetsDimensions()
    {
        var m = ModelZoo.Create("CNN1D", 12, [400], 7, seed: 3);
        Assert.Equal([5, 7], m.Model.OutputShape([5, 12, 400]));
        var s = ModelZoo.Create("spectrogram-cnn", 4, [33, 17], 5);
        Assert.Equal([2, 5], s.Model.OutputShape([2, 4, 33, 17]));
        Assert.Contains("Known: cnn1d", Assert.Throws<ArgumentException>(() => ModelZoo.Get("resnet")).Message);
        Assert.Throws<ArgumentException>(() => ModelZoo.Create("cnn1d", 8, [10, 10], 4));
        Assert.Throws<ArgumentException>(() => ModelZoo.Create("cnn1d", 8, [10], 4));
    }

    [Theory]
    [InlineData("cnn1d")]
    [InlineData("spectrogram-cnn")]
    [InlineData("light-cnn")]
    public void BatchOneInferenceAllocatesNothing(string name)
    {
        var built = ModelZoo.Get(name).CreateDefault(1);
        var x = RandomTensors.Normal(2, [1, .. built.InputShape]);
        for (int i = 0; i < 5; i++) built.Model.Forward(x, training: false);
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 10; i++) built.Model.Forward(x, training: false);
        }));
    }

    [Theory]
    [InlineData("cnn1d", 5)]
    [InlineData("spectrogram-cnn", 3)]
    [InlineData("light-cnn", 6)]
    public void TrainingIsBitIdenticalForOneAndTwoThreads(string name, int batch)
    {
        float[][] Run(int threads)
        {
            var built = ModelZoo.Get(name).CreateDefault(5);
            built.Model.SetThreads(threads);
            Assert.All(built.Model.Children, c => Assert.Equal(threads, c.Value.Threads));
            var x = RandomTensors.Normal(9, [batch, .. built.InputShape]);
            int[] labels = [.. Enumerable.Range(0, batch).Select(i => i % built.Classes)];
            var optimizer = new Adam(built.Model.Parameters(), 1e-3);
            var loss = new SoftmaxCrossEntropyLoss();
            for (int step = 0; step < 2; step++)
            {
                optimizer.ZeroGrad();
                loss.Forward(built.Model.Forward(x, training: true), labels);
                built.Model.Backward(loss.Backward());
                optimizer.Step();
            }
            return [.. built.Model.Parameters().Select(p => p.Value.Span.ToArray()), built.Model.Forward(x, training: false).Span.ToArray()];
        }

        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one.Length, two.Length);
        for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], two[i]);
    }

    [Fact]
    public void ActiveGradientIsTheReluMaskWithoutABranch()
    {
        float[] ys = [0f, float.Epsilon, 1e-30f, 0.5f, 3f, float.MaxValue, float.PositiveInfinity];
        float[] dys = [0f, -0f, 1f, -2.5f, float.Epsilon, -float.MaxValue, 7e-20f];
        foreach (var y in ys)
            foreach (var dy in dys)
                Assert.Equal(BitConverter.SingleToInt32Bits(y > 0 ? dy : 0f), BitConverter.SingleToInt32Bits(ConvBlock.ActiveGradient(y, dy)));
    }

    [Fact]
    public void FusedInferenceEqualsTheLayersOneByOne()
    {
        var block = new ConvBlock(new Conv2d(3, 5, 3, padding: 1), new BatchNorm2d(5), new MaxPool2d(2));
        block.Initialize(4);
        var rng = new Rng(8);
        foreach (var t in new[] { block.Norm.RunningMean, block.Norm.RunningVar, block.Norm.Weight.Value, block.Norm.Bias.Value })
            for (int i = 0; i < t.Length; i++) t.Span[i] = (float)(t == block.Norm.RunningVar ? 0.5 + rng.NextDouble() : rng.NextNormal());
        var x = RandomTensors.Normal(3, 2, 3, 11, 9);
        var fused = block.Forward(x, training: false).Clone();
        Tensor y = block.Convolution.Forward(x, false);
        y = block.Norm.Forward(y, false);
        y = new ReLU().Forward(y, false);
        y = block.Pool!.Forward(y, false);
        Assert.Equal([2, 5, 5, 4], fused.ShapeArray());
        Close.All(y.Span, fused.Span, rtol: 1e-5, what: "fused");
    }

    [Theory]
    [InlineData(9, 7)]   // 4 pooled columns: narrow rows, vector path with read-ahead
    [InlineData(6, 34)]  // 17 pooled columns: one whole vector and a masked tail
    public void FusedTrainingEqualsTheLayersOneByOne(int h, int w)
    {
        var fusedBlock = new ConvBlock(new Conv2d(3, 5, 3, padding: 1), new BatchNorm2d(5), new MaxPool2d(2));
        var plainBlock = new ConvBlock(new Conv2d(3, 5, 3, padding: 1), new BatchNorm2d(5), new MaxPool2d(2));
        fusedBlock.Initialize(4);
        plainBlock.Initialize(4);
        var x = RandomTensors.Normal(3, 4, 3, h, w);
        var fused = fusedBlock.Forward(x, training: true).Clone();
        Tensor y = plainBlock.Convolution.Forward(x, true);
        y = plainBlock.Norm.Forward(y, true);
        var relu = new ReLU();
        y = relu.Forward(y, true);
        y = plainBlock.Pool!.Forward(y, true);
        Close.All(y.Span, fused.Span, rtol: 1e-5, what: "fused training forward");
        var dy = RandomTensors.Normal(5, y.ShapeArray());
        var dxFused = fusedBlock.Backward(dy).Clone();
        var dx = plainBlock.Convolution.Backward(plainBlock.Norm.Backward(relu.Backward(plainBlock.Pool.Backward(dy))));
        Close.All(dx.Span, dxFused.Span, rtol: 1e-4, what: "fused training dx");
        Close.All(plainBlock.Convolution.Weight.Grad.Span, fusedBlock.Convolution.Weight.Grad.Span, rtol: 1e-4, what: "fused training dW");
        Close.All(plainBlock.Norm.Weight.Grad.Span, fusedBlock.Norm.Weight.Grad.Span, rtol: 1e-4, what: "fused training dγ");
    }

    [Fact]
    public void PlaneKernelsEqualTheRowKernelsAtEveryWidthWithAndWithoutSlack()
    {
        foreach (bool twoRows in new[] { true, false })
            for (int width = 2; width <= 40; width++)
                for (int slack = 0; slack <= 32; slack += 32)
                {
                    int height = twoRows ? 5 : 1, outH = twoRows ? height / 2 : 1, outW = width / 2;
                    var plane = RandomTensors.Normal((ulong)(width * 7 + slack), height * width + slack).Span.ToArray();
                    for (int i = 0; i < plane.Length; i += 5) plane[i] = 0f; // ties (ReLU zeros)
                    var finite = plane.ToArray(); // PairMaxShiftRelu leaves NaN unspecified
                    plane[width / 3] = float.NaN;
                    var dst = new float[outH * outW];
                    var arg = new int[outH * outW];
                    var shifted = new float[outH * outW];
                    PoolKernels.MaxPool2Plane(plane, width, outH, outW, twoRows, dst, arg, 100);
                    PoolKernels.PairMaxShiftReluPlane(finite, width, outH, outW, twoRows, shifted, 0.3f);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int rowA = (twoRows ? 2 * oy : oy) * width;
                        var a = plane.AsSpan(rowA, width);
                        var b = twoRows ? plane.AsSpan(rowA + width, width) : default;
                        var rowDst = new float[outW];
                        var rowArg = new int[outW];
                        var rowShifted = new float[outW];
                        PoolKernels.MaxPool2(a, b, rowDst, rowArg, 100 + rowA, 100 + rowA + width);
                        PoolKernels.PairMaxShiftRelu(finite.AsSpan(rowA, width), twoRows ? finite.AsSpan(rowA + width, width) : default, rowShifted, 0.3f);
                        Assert.Equal(rowArg, arg.AsSpan(oy * outW, outW).ToArray());
                        Assert.Equal(rowDst, dst.AsSpan(oy * outW, outW).ToArray());
                        Assert.Equal(rowShifted, shifted.AsSpan(oy * outW, outW).ToArray());
                    }
                }
    }

    [Fact]
    public void PairMaxShiftReluMatchesReferenceAtEveryLength()
    {
        for (int count = 1; count <= 64; count++)
        {
            var a = RandomTensors.Normal((ulong)count, 2 * count + 1).Span.ToArray();
            var b = RandomTensors.Normal((ulong)count + 100, 2 * count + 1).Span.ToArray();
            var one = new float[count];
            var two = new float[count];
            PoolKernels.PairMaxShiftRelu(a, default, one, 0.25f);
            PoolKernels.PairMaxShiftRelu(a, b, two, -0.1f);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(Math.Max(Math.Max(a[2 * i], a[2 * i + 1]) + 0.25f, 0f), one[i]);
                Assert.Equal(Math.Max(Math.Max(Math.Max(a[2 * i], a[2 * i + 1]), Math.Max(b[2 * i], b[2 * i + 1])) - 0.1f, 0f), two[i]);
            }
        }
    }

    [Fact]
    public void FlopCounterCountsConvolutionsDenseLayersLstmsAndAttention()
    {
        var model = ModelZoo.Get("cnn1d").CreateDefault().Model;
        long expected = 2L * (64 * 1020 * 8 * 3 + 32 * 508 * 64 * 3 + 10 * 252 * 32 * 3 + 1260 * 600 + 600 * 100 + 100 * 4);
        Assert.Equal(expected, FlopCounter.Forward(model, [1, 8, 1022]));
        // emg-image-cnn (T 15, C 10, K 53): ColumnConv2d counts the kernel columns over its W input columns (1 after the first)
        long image = 2L * 15 * (32 * 1 * 1 * 10 + 32 * 32 * 3 * 1 + 64 * 32 * 5 * 1 + 64 * 64 * 5 * 1 + 53 * 64);
        Assert.Equal(image, FlopCounter.Forward(ModelZoo.Get("emg-image-cnn").CreateDefault().Model, [1, 1, 15, 10]));
        // a two-layer bidirectional LSTM (F 6, H 5, T 7, batch 3): layer 1 reads 6 inputs, layer 2 the 10 of both directions
        var lstm = new Lstm(6, 5, numLayers: 2, bidirectional: true);
        Assert.Equal(2L * 3 * 7 * 2 * 4 * 5 * ((6 + 5) + (10 + 5)), FlopCounter.Forward(lstm, [3, 7, 6]));
        // attention over T 9 steps of D 4, batch 2: keys 2·T·D², then per query scores and sums 2·T·D each
        Assert.Equal(2L * 2 * (9 * 16 + 2 * 9 * 4), FlopCounter.Forward(new LuongAttention(4), [2, 9, 4]));
        Assert.Equal(2L * 2 * (9 * 16 + 2 * 9 * 9 * 4), FlopCounter.Forward(new LuongAttention(4, AttentionOutput.AllSteps), [2, 9, 4]));
        Assert.Equal(2L * 2 * (9 * 16 + 9 * 4), FlopCounter.Forward(new LuongAttention(4, AttentionOutput.WeightedSequence), [2, 9, 4]));
    }
}

public class MaxPool2KernelTests
{
    [Fact]
    public void MatchesTheScalarRuleAtEveryLengthWithTiesAndNaN()
    {
        for (int count = 1; count <= 64; count++)
        {
            var rng = new Rng((ulong)count);
            float Draw() => rng.NextInt(10) switch { 0 => float.NaN, < 4 => 1f, _ => (float)rng.NextNormal() }; // ties and NaN
            var a = Enumerable.Range(0, 2 * count + 1).Select(_ => Draw()).ToArray();
            var b = Enumerable.Range(0, 2 * count + 1).Select(_ => Draw()).ToArray();
            foreach (bool twoD in new[] { false, true })
            {
                var dst = new float[count];
                var arg = new int[count];
                PoolKernels.MaxPool2(a, twoD ? b : default, dst, arg, 1000, 5000);
                for (int i = 0; i < count; i++)
                {
                    (float v, int k)[] candidates = twoD
                        ? [(a[2 * i], 1000 + 2 * i), (a[2 * i + 1], 1001 + 2 * i), (b[2 * i], 5000 + 2 * i), (b[2 * i + 1], 5001 + 2 * i)]
                        : [(a[2 * i], 1000 + 2 * i), (a[2 * i + 1], 1001 + 2 * i)];
                    var best = candidates[0];
                    foreach (var c in candidates[1..])
                        if (c.v > best.v || float.IsNaN(c.v)) best = c;
                    Assert.Equal(best.k, arg[i]);
                    Assert.Equal(best.v, dst[i]);
                }
            }
        }
    }
}

public class ConvolutionChunkingTests
{
    [Theory]
    [InlineData(3, 1, 1, 1)]
    [InlineData(3, 2, 1, 1)]
    [InlineData(2, 1, 0, 2)]
    [InlineData(5, 3, 2, 1)]
    public void RowChunksGiveTheSameResultAsWholeImages(int kernel, int stride, int padding, int dilation)
    {
        Conv2d Make(int chunk)
        {
            var conv = new Conv2d(3, 4, kernel, stride, padding, dilation) { ColumnChunkFloats = chunk };
            conv.Initialize(11);
            return conv;
        }
        var whole = Make(1 << 30);
        var chunked = Make(1); // one output row per chunk
        var x = RandomTensors.Normal(5, 2, 3, 13, 9);
        var y0 = whole.Forward(x, true).Clone();
        var y1 = chunked.Forward(x, true);
        Close.All(y0.Span, y1.Span, 1e-5, "output");
        var dy = RandomTensors.Normal(6, y0.ShapeArray());
        var dx0 = whole.Backward(dy).Clone();
        var dx1 = chunked.Backward(dy);
        Close.All(dx0.Span, dx1.Span, 1e-5, "input gradient");
        Close.All(whole.Weight.Grad.Span, chunked.Weight.Grad.Span, 1e-5, "weight gradient");
        Close.All(whole.Bias!.Grad.Span, chunked.Bias!.Grad.Span, 1e-5, "bias gradient");
    }
}
