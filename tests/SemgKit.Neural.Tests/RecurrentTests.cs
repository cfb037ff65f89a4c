using SemgKit.Neural.Kernels;
using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Models;
using SemgKit.Neural.Optimizers;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests;

/// <summary>LSTM, Luong attention and the recurrent architectures: PyTorch golden data, gradient checks, kernels, training.</summary>
public class RecurrentTests
{
    public static TheoryData<string> LayerCases() => [.. NeuralGolden.Names("recurrent.json")];

    // the peer benchmark's recurrent models, then the gesture paper's comparison models (lstm-cnn, emg-image-cnn)
    private static readonly string[] ModelFiles = ["recurrent_models.json", "gesture_models.json"];

    public static TheoryData<string, string> ModelCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in ModelFiles)
            foreach (var name in NeuralGolden.Names(file)) data.Add(file, name);
        return data;
    }

    private static Layer MakeLayer(string name) => name switch
    {
        "lstm_uni" => new Lstm(3, 4),
        "lstm_uni_last" => new Lstm(3, 4, output: RecurrentOutput.LastStep),
        "lstm_bi" => new Lstm(3, 4, bidirectional: true),
        "lstm_bi_last" => new Lstm(2, 3, bidirectional: true, output: RecurrentOutput.LastStep),
        "lstm_2layer" => new Lstm(3, 4, numLayers: 2),
        "lstm_2layer_bi_last" => new Lstm(3, 5, numLayers: 2, bidirectional: true, output: RecurrentOutput.LastStep),
        "lstm_odd" => new Lstm(7, 13),
        "lstm_batch1_long" => new Lstm(5, 20, output: RecurrentOutput.LastStep),
        "attention_context" => new LuongAttention(4, AttentionOutput.Context),
        "attention_weighted" => new LuongAttention(4, AttentionOutput.WeightedSequence),
        "attention_all_steps" => new LuongAttention(5, AttentionOutput.AllSteps),
        _ => throw new ArgumentException($"No C# layer for golden case '{name}'."),
    };

    private static Sequential MakeModel(string name) => name switch
    {
        "lstm" => LstmModel.Create(32, 4),
        "cnn-lstm" => CnnLstmModel.Create(8, 1022, 4),
        "cnn-lstm-muscle" => CnnLstmMuscleModel.Create(8, 200, 4),
        "cnn-lstm-muscle-stft" => CnnLstmMuscleStftModel.Create(2, 9, 6, 4),
        "cnn-lstm-muscle-fconv" => CnnLstmMuscleFreqConvModel.Create(2, 13, 5, 4),
        "attention-lstm-cnn" => AttentionLstmCnnModel.Create(15, 10, 53, dropout: 0f),
        "lstm-cnn" => AttentionLstmCnnModel.Create(15, 10, 53, dropout: 0f, attention: false),
        "emg-image-cnn" => EmgImageCnn.Create(10, 53, dropout: 0f),
        _ => throw new ArgumentException($"No C# model for golden case '{name}'."),
    };

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayerMatchesPyTorch(string name)
    {
        var c = NeuralGolden.Case("recurrent.json", name);
        var layer = MakeLayer(name);
        NeuralGolden.LoadState(layer, c.GetProperty("state"));
        var x = NeuralGolden.ToTensor(c.GetProperty("input"));
        var expectedOut = c.GetProperty("output");
        var shape = expectedOut.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(shape, layer.OutputShape(x.Shape));
        for (int pass = 0; pass < 2; pass++) // the second pass runs on reused buffers
        {
            var y = layer.Forward(x, training: true);
            Assert.Equal(shape, y.ShapeArray());
            Close.All(NeuralGolden.Doubles(expectedOut), y.Span, what: $"{name} output");
            layer.ZeroGrad();
            var dx = layer.Backward(NeuralGolden.ToTensor(c.GetProperty("grad_output")));
            Close.All(NeuralGolden.Doubles(c.GetProperty("grad_input")), dx.Span, what: $"{name} grad input");
            var named = layer.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
            var grads = c.GetProperty("grads").EnumerateObject().ToList();
            Assert.Equal(grads.Select(g => g.Name), named.Keys); // same names, same order as PyTorch
            foreach (var g in grads)
                Close.All(NeuralGolden.Doubles(g.Value), named[g.Name].Grad.Span, what: $"{name} grad {g.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void ModelMatchesPyTorch(string file, string name)
    {
        var c = NeuralGolden.Case(file, name);
        var model = MakeModel(name);
        Assert.Equal(c.GetProperty("parameters").GetInt64(), model.ParameterCount());
        NeuralGolden.LoadState(model, c.GetProperty("state"));
        var x = NeuralGolden.ToTensor(c.GetProperty("input"));
        int[] labels = [.. c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32())];
        var logits = model.Forward(x, training: true);
        Close.All(NeuralGolden.Doubles(c.GetProperty("logits")), logits.Span, what: $"{name} logits");
        var loss = new SoftmaxCrossEntropyLoss();
        float value = loss.Forward(logits, labels);
        Assert.Equal(c.GetProperty("loss").GetDouble(), value, 1e-4 * Math.Abs(c.GetProperty("loss").GetDouble()) + 1e-6);
        model.ZeroGrad();
        model.Backward(loss.Backward());
        var named = model.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        var grads = c.GetProperty("grads").EnumerateObject().ToList();
        Assert.Equal(grads.Select(g => g.Name).Order(), named.Keys.Order());
        foreach (var g in grads)
            Close.All(NeuralGolden.Doubles(g.Value), named[g.Name].Grad.Span, what: $"{name} grad {g.Name}");
    }

    [Theory]
    [InlineData(1, false, RecurrentOutput.AllSteps)]
    [InlineData(1, false, RecurrentOutput.LastStep)]
    [InlineData(1, true, RecurrentOutput.AllSteps)]
    [InlineData(1, true, RecurrentOutput.LastStep)]
    [InlineData(2, false, RecurrentOutput.AllSteps)]
    [InlineData(2, true, RecurrentOutput.LastStep)]
    public void LstmGradientCheck(int layers, bool bidirectional, RecurrentOutput output)
    {
        var lstm = new Lstm(3, 5, layers, bidirectional, output);
        lstm.Initialize(11);
        GradCheck.Layer(lstm, RandomTensors.Normal(5, 2, 4, 3));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void WithoutInputGradientTheParameterGradientsAreUnchangedAndDxIsZero(int layers, bool bidirectional)
    {
        var x = RandomTensors.Normal(31, 3, 7, 4);
        var dy = RandomTensors.Normal(32, 3, 7, bidirectional ? 10 : 5);
        (Dictionary<string, float[]> Grads, float[] Dx) Run(bool inputGradient)
        {
            var lstm = new Lstm(4, 5, layers, bidirectional) { ComputeInputGradient = inputGradient };
            lstm.Initialize(12);
            lstm.Forward(x, training: true);
            lstm.ZeroGrad();
            var dx = lstm.Backward(dy).Span.ToArray();
            return (lstm.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Grad.Span.ToArray()), dx);
        }
        var (full, dxFull) = Run(true);
        var (skipped, dxSkipped) = Run(false);
        Assert.Contains(dxFull, v => v != 0);
        Assert.All(dxSkipped, v => Assert.Equal(0f, v));
        foreach (var (name, grad) in full) Assert.Equal(grad, skipped[name]);
    }

    [Fact]
    public void SamplesAreIndependentAndShapesCanChange()
    {
        // a batch equals its samples run one by one (no leakage across rows, buffers re-sized both ways); T = 1 works
        var model = new Sequential(new Lstm(3, 5, 2, true), new LuongAttention(10, AttentionOutput.AllSteps), new Lstm(10, 4, output: RecurrentOutput.LastStep));
        model.Initialize(21);
        foreach (int t in new[] { 6, 1 })
        {
            var x = RandomTensors.Normal(22, 3, t, 3);
            var batch = model.Forward(x, training: false).Span.ToArray();
            for (int b = 0; b < 3; b++)
            {
                var one = new Tensor(x.Span.Slice(b * t * 3, t * 3).ToArray(), 1, t, 3);
                Close.All(batch.AsSpan(b * 4, 4), model.Forward(one, training: false).Span, 1e-5, $"T={t} sample {b}");
            }
        }
        GradCheck.Layer(new Lstm(2, 3, bidirectional: true).Also(l => l.Initialize(4)), RandomTensors.Normal(23, 2, 1, 2));
    }

    [Theory]
    [InlineData(AttentionOutput.Context)]
    [InlineData(AttentionOutput.WeightedSequence)]
    [InlineData(AttentionOutput.AllSteps)]
    public void AttentionGradientCheck(AttentionOutput output)
    {
        var attention = new LuongAttention(4, output);
        attention.Initialize(12);
        GradCheck.Layer(attention, RandomTensors.Normal(6, 2, 5, 4));
    }

    [Fact]
    public void ParameterCountsEqualPyTorch()
    {
        // torch.nn.LSTM(32, 64): 4·64·(32 + 64) + 2·4·64; models.py: lstm64 25,348, cnn_lstm 35,318, attn_lstm_cnn 88,933
        Assert.Equal(4 * 64 * (32 + 64) + 2 * 4 * 64, new Lstm(32, 64).ParameterCount());
        Assert.Equal(2 * (4 * 8 * (3 + 8) + 8 * 8) + 2 * (4 * 8 * (16 + 8) + 8 * 8), new Lstm(3, 8, 2, true).ParameterCount());
        Assert.Equal(25_348, LstmModel.Create().ParameterCount());
        Assert.Equal(35_318, CnnLstmModel.Create().ParameterCount());
        Assert.Equal(88_933, AttentionLstmCnnModel.Create().ParameterCount());
        Assert.Equal(88_533, AttentionLstmCnnModel.Create(attention: false).ParameterCount()); // gesture_models.json: lstm-cnn
        Assert.Equal(84_853, EmgImageCnn.Create().ParameterCount());                         // emg-image-cnn
        Assert.Equal(51_460, CnnLstmMuscleModel.Create().ParameterCount());
        Assert.Equal(55_460, CnnLstmMuscleStftModel.Create().ParameterCount());                // 1 channel, 33 bins, 14 frames
        Assert.Equal(71_108, CnnLstmMuscleFreqConvModel.Create().ParameterCount());            // 1 channel, 65 bins, 6 frames
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"],
            new Lstm(2, 3, bidirectional: true).State().Select(s => s.Key));
    }

    [Fact]
    public void ModelShapes()
    {
        Assert.Equal([2, 4], LstmModel.Create().OutputShape([2, 50, 32]));
        Assert.Equal([2, 4], CnnLstmModel.Create().OutputShape([2, 8, 1022]));
        Assert.Equal([2, 4], CnnLstmMuscleModel.Create().OutputShape([2, 8, 1022]));
        Assert.Equal([2, 4], CnnLstmMuscleStftModel.Create().OutputShape([2, 1, 33, 14]));
        Assert.Equal([2, 4], CnnLstmMuscleFreqConvModel.Create().OutputShape([2, 1, 65, 6]));
        Assert.Equal([2, 3], CnnLstmMuscleFreqConvModel.Create(2, 9, 3, 3).OutputShape([2, 2, 9, 3])); // 9 bins pool to 4, then 2
        Assert.Throws<ArgumentException>(() => CnnLstmMuscleFreqConvModel.Create(1, 3, 6, 4));          // fewer bins than the two poolings need
        Assert.Equal([2, 53], AttentionLstmCnnModel.Create().OutputShape([2, 2, 15, 10]));
        Assert.Equal([2, 53], AttentionLstmCnnModel.Create(attention: false).OutputShape([2, 2, 15, 10]));
        Assert.Equal([2, 53], EmgImageCnn.Create().OutputShape([2, 1, 15, 10]));
        Assert.Equal([2, 7], EmgImageCnn.Create(4, 7).OutputShape([2, 1, 9, 4])); // any number of frames
        Assert.Equal([2, 10], new Lstm(3, 5, bidirectional: true, output: RecurrentOutput.LastStep).OutputShape([2, 7, 3]));
        Assert.Equal([2, 7, 4], new LuongAttention(4, AttentionOutput.WeightedSequence).OutputShape([2, 7, 4]));
        // the gesture paper's image: weighted sequence → (N, 1, T, D)
        Assert.Equal([2, 1, 7, 4], new Sequential(new LuongAttention(4, AttentionOutput.WeightedSequence), new Reshape(1, 7, 4)).OutputShape([2, 7, 4]));
        Assert.Throws<ArgumentException>(() => new Lstm(3, 5).OutputShape([2, 7, 4]));
    }

    [Fact]
    public void PyTorchDefaultInitBoundsAndSeeding()
    {
        var a = LstmModel.Create(seed: 7);
        var b = LstmModel.Create(seed: 7);
        foreach (var (x, y) in a.State().Zip(b.State())) Assert.Equal(x.Value.Span.ToArray(), y.Value.Span.ToArray());
        Assert.NotEqual(a.State()[0].Value.Span.ToArray(), LstmModel.Create(seed: 8).State()[0].Value.Span.ToArray());
        var lstm = (Lstm)a[0];
        float bound = 1 / MathF.Sqrt(64);
        foreach (var p in lstm.Parameters()) Assert.All(p.Value.Data, v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void SeededLstmModelOverfitsOneBatch()
    {
        var model = LstmModel.Create(features: 6, classes: 3, hidden: 16, seed: 3);
        var x = RandomTensors.Normal(9, 12, 10, 6);
        int[] labels = [.. Enumerable.Range(0, 12).Select(i => i % 3)];
        var loss = new SoftmaxCrossEntropyLoss();
        var optimizer = new Adam(model.Parameters(), 0.02);
        float first = 0, last = 0;
        for (int step = 0; step < 150; step++)
        {
            last = loss.Forward(model.Forward(x, training: true), labels);
            if (step == 0) first = last;
            optimizer.ZeroGrad();
            model.Backward(loss.Backward());
            optimizer.Step();
        }
        Assert.True(last < 0.05f * first, $"loss {first} → {last}");
    }

    [Fact]
    public void ThreadCountDoesNotChangeResults()
    {
        var a = CnnLstmModel.Create(4, 200, 3, seed: 5);
        var b = CnnLstmModel.Create(4, 200, 3, seed: 5).SetThreads(2);
        var x = RandomTensors.Normal(1, 16, 4, 200);
        Assert.Equal(a.Forward(x, true).Span.ToArray(), b.Forward(x, true).Span.ToArray());
    }

    [Theory]
    [InlineData(10, 16, 1, false, RecurrentOutput.LastStep)] // the row kernel both ways; 5 + 5 sequences
    [InlineData(13, 16, 2, true, RecurrentOutput.AllSteps)]  // uneven halves (6 + 7), two layers, both directions
    [InlineData(12, 20, 1, false, RecurrentOutput.AllSteps)] // 4H = 80: the forward recurrence splits, the backward one does not
    public void BatchSplitRecurrenceGivesTheBitsOfOneThread(int n, int hidden, int layers, bool bidirectional, RecurrentOutput output)
    {
        var x = RandomTensors.Normal(41, n, 20, 6);
        (float[] Y, float[] Dx, float[][] Grads) Run(int threads)
        {
            var lstm = new Lstm(6, hidden, layers, bidirectional, output);
            lstm.Initialize(42);
            lstm.SetThreads(threads);
            var y = lstm.Forward(x, training: true).Span.ToArray();
            var dy = RandomTensors.Normal(43, lstm.OutputShape(x.Shape));
            var dx = lstm.Backward(dy).Span.ToArray();
            return (y, dx, [.. lstm.Parameters().Select(p => p.Grad.Span.ToArray())]);
        }
        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one.Y, two.Y);
        Assert.Equal(one.Dx, two.Dx);
        for (int i = 0; i < one.Grads.Length; i++) Assert.Equal(one.Grads[i], two.Grads[i]);
    }

    [Theory]
    [InlineData(2, 3, 1, 4, 5, 4, 0)] // kernel spans the width, no padding
    [InlineData(3, 2, 3, 3, 7, 1, 1)] // 3 × 3 same on a one-column map
    [InlineData(2, 3, 5, 5, 6, 1, 1)] // 5 × 5 same
    [InlineData(3, 4, 5, 1, 7, 1, 1)] // (5, 1) same
    [InlineData(4, 2, 1, 1, 3, 1, 0)] // 1 × 1
    [InlineData(2, 2, 2, 3, 5, 3, 0)] // even kernel height, kernel spans the width
    public void ColumnConvolutionEqualsConv2d(int cin, int cout, int kh, int kw, int h, int w, int same)
    {
        Padding padding = same == 1 ? Padding.Same : 0;
        var reference = new Conv2d(cin, cout, (kh, kw), (1, 1), padding, (1, 1));
        var column = new ColumnConv2d(cin, cout, (kh, kw), padding);
        reference.Initialize(3);
        column.Initialize(3);
        Assert.Equal(reference.Weight.Value.Span.ToArray(), column.Weight.Value.Span.ToArray());
        var x = RandomTensors.Normal(8, 3, cin, h, w);
        Assert.Equal(reference.OutputShape(x.Shape), column.OutputShape(x.Shape));
        Close.All(reference.Forward(x, true).Span, column.Forward(x, true).Span, 1e-5, "output");
        var g = RandomTensors.Normal(9, reference.OutputShape(x.Shape));
        reference.ZeroGrad();
        column.ZeroGrad();
        Close.All(reference.Backward(g).Span, column.Backward(g).Span, 1e-5, "grad input");
        Close.All(reference.Weight.Grad.Span, column.Weight.Grad.Span, 1e-5, "grad weight");
        Close.All(reference.Bias!.Grad.Span, column.Bias!.Grad.Span, 1e-5, "grad bias");
        GradCheck.Layer(column, x);
        Assert.Throws<ArgumentException>(() => column.OutputShape([1, cin, h, w + 1]));
    }

    [Fact]
    public void SameConvolutionWiderThanTheImage()
    {
        // Conv2d(1, 1, 5, same) on a one-column image: taps two columns out lie wholly in the padding (an Im2Col regression)
        var conv = new Conv2d(1, 1, 5, padding: Padding.Same, bias: false);
        conv.Initialize(1);
        var x = RandomTensors.Normal(4, 1, 1, 4, 1);
        var y = conv.Forward(x, training: false).Span.ToArray();
        var w = conv.Weight.Value.Span;
        for (int r = 0; r < 4; r++)
        {
            double e = 0;
            for (int k = 0; k < 5; k++)
                if (r + k - 2 is >= 0 and < 4) e += w[k * 5 + 2] * x.Span[r + k - 2];
            Assert.Equal(e, y[r], 1e-5);
        }
        GradCheck.Layer(conv, x);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("cnn-lstm")]
    [InlineData("attention-lstm-cnn")]
    [InlineData("lstm-cnn")]
    [InlineData("emg-image-cnn")]
    [InlineData("bidirectional")]
    public void BatchOneInferenceAllocatesNothing(string name)
    {
        var (model, shape) = name switch
        {
            "lstm" => (LstmModel.Create(), new[] { 1, 50, 32 }),
            "cnn-lstm" => (CnnLstmModel.Create(), new[] { 1, 8, 1022 }),
            "attention-lstm-cnn" => (AttentionLstmCnnModel.Create(), new[] { 1, 2, 15, 10 }),
            "lstm-cnn" => (AttentionLstmCnnModel.Create(attention: false), new[] { 1, 2, 15, 10 }),
            "emg-image-cnn" => (EmgImageCnn.Create(), new[] { 1, 1, 15, 10 }),
            _ => (new Sequential(new Lstm(4, 6, 2, true), new LuongAttention(12, AttentionOutput.Context)), new[] { 1, 9, 4 }),
        };
        var x = RandomTensors.Normal(2, shape);
        var grad = new Tensor(model.OutputShape(shape));
        for (int i = 0; i < 3; i++)
        {
            model.Forward(x, training: false);
            model.Forward(x, training: true);
            model.Backward(grad);
        }
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 10; i++) model.Forward(x, training: false);
        }));
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                model.Forward(x, training: true);
                model.Backward(grad);
            }
        }));
    }
}

internal static class LayerExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}

/// <summary>The fused LSTM kernels against naive double-precision references at every hidden size 1..64 (vector tails).</summary>
public class LstmKernelTests
{
    private static double Sig(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void MultiplyRowsMatchesSgemm()
    {
        if (!LstmKernels.CanMultiplyRows(4, 16)) Assert.Skip("AVX-512 not available.");
        foreach (var (rows, k, width) in new[] { (4, 1, 16), (5, 3, 48), (7, 64, 256), (64, 64, 256), (9, 256, 64), (6, 7, 80), (4, 20, 80) })
        {
            int lda = k + 3, ldc = width + 5;
            var a = RandomTensors.Normal(1, rows * lda).Span.ToArray();
            var b = RandomTensors.Normal(2, k * width).Span.ToArray();
            var c = RandomTensors.Normal(3, rows * ldc).Span.ToArray();
            var expected = (float[])c.Clone();
            Sgemm.Multiply(false, false, rows, width, k, 1f, a, lda, b, width, 1f, expected, ldc);
            LstmKernels.MultiplyRows(a, lda, b, c, ldc, rows, k, width);
            Close.All(expected, c, 1e-5, $"{rows}×{k}×{width}");
        }
    }

    [Fact]
    public void ActivationsAreAccurate()
    {
        var x = new float[4001];
        for (int i = 0; i < x.Length; i++) x[i] = (i - 2000) * 0.01f;
        x[0] = -200f;
        x[^1] = 200f;
        var s = new float[x.Length];
        var t = new float[x.Length];
        LstmKernels.Sigmoid(x, s);
        LstmKernels.Tanh(x, t);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(s[i] - Sig(x[i])) <= 3e-7 + 1e-6 * Sig(x[i]), $"σ({x[i]}) = {s[i]}");
            Assert.True(Math.Abs(t[i] - Math.Tanh(x[i])) <= 4e-7, $"tanh({x[i]}) = {t[i]}");
        }
    }

    [Fact]
    public void StepsMatchReferenceAtEveryLength()
    {
        for (int h = 1; h <= 64; h++)
        {
            var rng = new Rng((ulong)h);
            float[] R(int n, double scale = 2) => [.. Enumerable.Range(0, n).Select(_ => (float)(scale * rng.NextNormal()))];
            var pre = R(4 * h);
            var cPrev = R(h);
            var gates = (float[])pre.Clone();
            var c = new float[h];
            var hh = new float[h];
            LstmKernels.ForwardStep(gates, cPrev, c, hh);
            var dhOut = R(h, 1);
            var dhRec = R(h, 1);
            var dcIn = R(h, 1);
            var dc = (float[])dcIn.Clone();
            var dGates = new float[4 * h];
            LstmKernels.BackwardStep(gates, cPrev, c, dhOut, dhRec, dc, dGates);
            for (int j = 0; j < h; j++)
            {
                double i = Sig(pre[j]), f = Sig(pre[h + j]), g = Math.Tanh(pre[2 * h + j]), o = Sig(pre[3 * h + j]);
                double cn = f * cPrev[j] + i * g, hn = o * Math.Tanh(cn);
                Near(i, gates[j]);
                Near(f, gates[h + j]);
                Near(g, gates[2 * h + j]);
                Near(o, gates[3 * h + j]);
                Near(cn, c[j]);
                Near(hn, hh[j]);
                double dh = dhOut[j] + dhRec[j], tc = Math.Tanh(cn);
                double dcv = dcIn[j] + dh * o * (1 - tc * tc);
                Near(dcv * g * i * (1 - i), dGates[j]);
                Near(dcv * cPrev[j] * f * (1 - f), dGates[h + j]);
                Near(dcv * i * (1 - g * g), dGates[2 * h + j]);
                Near(dh * tc * o * (1 - o), dGates[3 * h + j]);
                Near(dcv * f, dc[j]);
            }
        }

        static void Near(double expected, float actual) =>
            Assert.True(Math.Abs(actual - expected) <= 2e-6 * (1 + Math.Abs(expected)), $"{actual} vs {expected}");
    }
}
