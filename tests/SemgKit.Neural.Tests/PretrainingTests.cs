using SemgKit.Neural.Layers;
using SemgKit.Neural.Losses;
using SemgKit.Neural.Models;
using SemgKit.Neural.Optimizers;
using SemgKit.Neural.Training;

namespace SemgKit.Neural.Tests;

public class PretrainingTests
{
    /// <summary>(N, C, T) sums of three seeded sinusoids mixed into C channels, plus 5 % noise.</summary>
    private static Tensor Sines(ulong seed, int n, int channels, int length)
    {
        var rng = new Rng(seed);
        var x = new Tensor(n, channels, length);
        var s = x.Span;
        for (int i = 0; i < n; i++)
        {
            var f = new double[3];
            var phase = new double[3];
            for (int j = 0; j < 3; j++) (f[j], phase[j]) = (0.02 + 0.15 * rng.NextDouble(), 2 * Math.PI * rng.NextDouble());
            for (int c = 0; c < channels; c++)
            {
                var a = new double[3];
                for (int j = 0; j < 3; j++) a[j] = rng.NextNormal();
                for (int t = 0; t < length; t++)
                {
                    double v = 0.05 * rng.NextNormal();
                    for (int j = 0; j < 3; j++) v += a[j] * Math.Sin(2 * Math.PI * f[j] * t + phase[j]);
                    s[(i * channels + c) * length + t] = (float)v;
                }
            }
        }
        return x;
    }

    /// <summary>(N, C, H, W) plane waves: two seeded 2-D sinusoids per sample, channel-mixed.</summary>
    private static Tensor Waves(ulong seed, int n, int channels, int h, int w)
    {
        var rng = new Rng(seed);
        var x = new Tensor(n, channels, h, w);
        var s = x.Span;
        for (int i = 0; i < n; i++)
        {
            double fh0 = 0.2 * rng.NextDouble(), fw0 = 0.2 * rng.NextDouble(), fh1 = 0.2 * rng.NextDouble(), fw1 = 0.2 * rng.NextDouble();
            double p0 = 2 * Math.PI * rng.NextDouble(), p1 = 2 * Math.PI * rng.NextDouble();
            for (int c = 0; c < channels; c++)
            {
                double a0 = rng.NextNormal(), a1 = rng.NextNormal();
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                        s[((i * channels + c) * h + r) * w + q] = (float)(a0 * Math.Sin(2 * Math.PI * (fh0 * r + fw0 * q) + p0)
                            + a1 * Math.Sin(2 * Math.PI * (fh1 * r + fw1 * q) + p1));
            }
        }
        return x;
    }

    private static PretrainingOptions Options(int epochs = 6, ulong seed = 11) => new()
    {
        EpochsPerLayer = epochs, BatchSize = 8, LearningRate = 3e-3, Seed = seed,
    };

    private static Dictionary<string, float[]> Snapshot(Layer model) => model.State().ToDictionary(s => s.Key, s => s.Value.Span.ToArray());

    private static void AssertLossesFall(PretrainingReport report, int layers)
    {
        Assert.Equal(layers, report.Layers.Count);
        foreach (var layer in report.Layers)
        {
            Assert.All(layer.EpochLosses, l => Assert.True(double.IsFinite(l)));
            Assert.True(layer.FinalLoss < 0.8 * layer.EpochLosses[0], $"layer {layer.Name}: {string.Join(", ", layer.EpochLosses)}");
        }
    }

    [Fact]
    public void ReconstructionLossFallsForEachLayerOfTheMuscleModel()
    {
        var model = CnnLstmMuscleModel.Create(channels: 4, lengthSamples: 64, classes: 3, hidden: 8, seed: 1);
        var reports = new List<PretrainingEpochReport>();
        var report = AutoencoderPretraining.Pretrain(model, Sines(1, 32, 4, 64), Options(), new SyncProgress(reports.Add), TestContext.Current.CancellationToken);
        AssertLossesFall(report, 2);
        Assert.Equal([0, 1], report.Layers.Select(l => l.Index));
        Assert.Equal("ConvBlock(Conv1d)", report.Layers[0].Kind);
        Assert.Equal([4, 64], report.Layers[0].InputShape);
        Assert.Equal([32, 32], report.Layers[1].InputShape); // after the first block's pool
        Assert.Equal(12, reports.Count);
        Assert.Equal(report.Layers[1].EpochLosses[^1], reports[^1].ReconstructionLoss);
        Assert.Equal((2, 2, "1", 6), (reports[^1].Layer, reports[^1].Layers, reports[^1].Name, reports[^1].Epoch));
    }

    [Fact]
    public void OnlyTheConvolutionalEncodersChange()
    {
        var model = CnnLstmMuscleModel.Create(channels: 4, lengthSamples: 64, classes: 3, hidden: 8, seed: 2);
        var before = Snapshot(model);
        AutoencoderPretraining.Pretrain(model, Sines(2, 24, 4, 64), Options(epochs: 2), cancellationToken: TestContext.Current.CancellationToken);
        var after = Snapshot(model);
        // children: 0 and 1 conv blocks (conv, BN, ReLU, pool), 2 permute, 3 dense, 4 ReLU, 5 LSTM, 6 dense, 7 ReLU, 8 dense
        foreach (var name in new[] { "0.0.weight", "0.0.bias", "1.0.weight", "1.0.bias", "0.1.running_mean", "1.1.running_var" })
            Assert.NotEqual(before[name], after[name]);
        var head = before.Keys.Where(k => int.Parse(k.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) >= 2).ToList();
        Assert.Contains("5.weight_ih_l0", head);
        Assert.Contains("8.weight", head);
        foreach (var name in head) Assert.Equal(before[name], after[name]);
        Assert.All(after["0.0.weight"].Concat(after["1.0.weight"]), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void SameSeedGivesBitIdenticalWeights()
    {
        var x = Sines(3, 20, 2, 46);
        Dictionary<string, float[]> Run(ulong seed, out PretrainingReport report)
        {
            var model = Cnn1d.Create(channels: 2, length: 46, classes: 3, seed: 7);
            report = AutoencoderPretraining.Pretrain(model, x, Options(epochs: 2, seed: seed) with { BatchSize = 6 }, cancellationToken: TestContext.Current.CancellationToken);
            return Snapshot(model);
        }
        var a = Run(5, out var ra);
        var b = Run(5, out var rb);
        foreach (var (key, value) in a) Assert.Equal(value, b[key]);
        Assert.Equal(ra.Layers.SelectMany(l => l.EpochLosses), rb.Layers.SelectMany(l => l.EpochLosses));
        var c = Run(6, out _);
        Assert.NotEqual(a["0.0.weight"], c["0.0.weight"]);
    }

    public static TheoryData<string> Architectures => ["cnn-lstm-muscle", "cnn-lstm-muscle-stft", "cnn-lstm-muscle-fconv", "cnn-lstm", "cnn1d", "spectrogram-cnn", "light-cnn"];

    private static (Sequential Model, Tensor X, int Layers) Build(string name) => name switch
    {
        "cnn-lstm-muscle" => (CnnLstmMuscleModel.Create(3, 40, 3, 8, seed: 4), Sines(4, 12, 3, 40), 2),
        "cnn-lstm-muscle-stft" => (CnnLstmMuscleStftModel.Create(2, 6, 8, 3, 8, seed: 4), Waves(4, 12, 2, 6, 8), 2), // behind a reshape
        "cnn-lstm-muscle-fconv" => (CnnLstmMuscleFreqConvModel.Create(2, 13, 5, 3, 8, seed: 4), Waves(4, 12, 2, 13, 5), 2), // 5×1 kernels, odd bins
        "cnn-lstm" => (CnnLstmModel.Create(2, 46, 3, 8, seed: 4), Sines(4, 12, 2, 46), 3),
        "cnn1d" => (Cnn1d.Create(2, 47, 3, seed: 4), Sines(4, 12, 2, 47), 3),
        "spectrogram-cnn" => (SpectrogramCnn.Create(2, 16, 8, 3, seed: 4), Waves(4, 12, 2, 16, 8), 3),
        "light-cnn" => (LightCnn.Create(2, 40, 3, seed: 4), Sines(4, 12, 2, 40), 3), // the 1×1 head conv counts
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void DecodersRestoreEachLayersInputShape(string name)
    {
        var (model, x, layers) = Build(name);
        var indices = AutoencoderPretraining.PretrainableLayers(model);
        Assert.Equal(layers, indices.Count);
        var shape = x.ShapeArray();
        int done = 0;
        foreach (int index in indices)
        {
            for (; done < index; done++) shape = model[done].OutputShape(shape);
            var conv = model[index] switch { ConvBlock b => b.Convolution, ConvolutionBase c => c, var l => throw new InvalidOperationException(l.GetType().Name) };
            var decoder = AutoencoderPretraining.CreateDecoder(conv, shape, new Rng(1));
            var code = conv.OutputShape(shape);
            Assert.Equal(shape, decoder.OutputShape(code));
            Assert.Equal(shape, decoder.Forward(RandomTensors.Normal(2, code), training: true).ShapeArray());
        }
        var report = AutoencoderPretraining.Pretrain(model, x, Options(epochs: 2), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(indices, report.Layers.Select(l => l.Index));
        Assert.All(report.Layers, l => Assert.All(l.EpochLosses, v => Assert.True(double.IsFinite(v))));
        Assert.True(model.Forward(x, training: false).Span.ToArray().All(float.IsFinite));
    }

    [Fact]
    public void ReconstructionLossFallsOnTwoDimensionalInputs()
    {
        var model = SpectrogramCnn.Create(channels: 2, bins: 16, frames: 8, classes: 3, seed: 3);
        var report = AutoencoderPretraining.Pretrain(model, Waves(5, 24, 2, 16, 8), Options(epochs: 8), cancellationToken: TestContext.Current.CancellationToken);
        AssertLossesFall(report, 3);
        Assert.Equal("ConvBlock(Conv2d)", report.Layers[0].Kind);
        Assert.Equal([64, 4, 2], report.Layers[2].InputShape);
    }

    [Theory]
    [InlineData(4, 1, 0, 1, 20)]  // "same", odd total (3): trailing crop
    [InlineData(3, 2, 1, 1, 16)]  // stride 2, even length: output padding 1
    [InlineData(3, 2, 1, 1, 15)]  // stride 2, odd length: exact
    [InlineData(3, 1, 0, 2, 15)]  // dilation 2, no padding
    [InlineData(5, 3, 0, 1, 19)]  // stride 3: output padding 2
    public void DecoderGeometryCoversStrideDilationAndSamePadding(int kernel, int stride, int padding, int dilation, int length)
    {
        var conv = kernel == 4 ? new Conv1d(2, 3, 4, padding: Padding.Same) : new Conv1d(2, 3, kernel, stride, padding, dilation);
        int[] shape = [2, 2, length];
        var decoder = AutoencoderPretraining.CreateDecoder(conv, shape, new Rng(1));
        Assert.Equal(shape, decoder.OutputShape(conv.OutputShape(shape)));
        var conv2 = new Conv2d(2, 3, (kernel, 3), (stride, 1), kernel == 4 ? Padding.Same : new Padding(padding, 1), (dilation, 1));
        int[] shape2 = [2, 2, length, 6];
        Assert.Equal(shape2, AutoencoderPretraining.CreateDecoder(conv2, shape2, new Rng(1)).OutputShape(conv2.OutputShape(shape2)));
        // the cropped decoder trains: gradient check through the crop
        GradCheck.Layer(decoder, RandomTensors.Normal(3, conv.OutputShape(shape)));
    }

    [Fact]
    public void PretrainedFeaturesReconstructBetterThanRandomOnes()
    {
        // A 4 → 2 channel bottleneck over rank-2 signals: pre-training finds the signal subspace, random weights do not.
        static Sequential Bottleneck(ulong seed)
        {
            var m = new Sequential(new Conv1d(4, 2, 5, padding: 2), new BatchNorm1d(2), new ReLU(), new MaxPool1d(2), new Flatten(), new Dense(2 * 16, 3));
            m.Initialize(seed);
            return m;
        }
        var x = Rank2(6, 48, 32);
        var pretrained = Bottleneck(8);
        AutoencoderPretraining.Pretrain(pretrained, x, Options(epochs: 15, seed: 1), cancellationToken: TestContext.Current.CancellationToken);
        double trained = DecoderOnlyLoss(pretrained, x), random = DecoderOnlyLoss(Bottleneck(8), x);
        Assert.True(trained < 0.7 * random, $"decoder-only reconstruction MSE: pretrained {trained}, random {random}");
    }

    // Reconstruction MSE of a fresh decoder trained for a fixed budget on the frozen (eval-mode) features of layers 0–2.
    private static double DecoderOnlyLoss(Sequential model, Tensor x)
    {
        var features = model[2].Forward(model[1].Forward(model[0].Forward(x, false), false), false).Clone();
        var decoder = AutoencoderPretraining.CreateDecoder((Conv1d)model[0], x.Shape, new Rng(3));
        var adam = new Adam(decoder.Parameters(), 1e-2);
        var mse = new MseLoss();
        double loss = 0;
        for (int step = 0; step < 150; step++)
        {
            loss = mse.Forward(decoder.Forward(features, true), x);
            adam.ZeroGrad();
            decoder.Backward(mse.Backward());
            adam.Step();
        }
        return loss;
    }

    /// <summary>(N, 4, T): four channels mixing the same two latent sinusoids (a rank-2 signal), unit-scale.</summary>
    private static Tensor Rank2(ulong seed, int n, int length)
    {
        var rng = new Rng(seed);
        var mix = new double[4, 2];
        for (int c = 0; c < 4; c++) (mix[c, 0], mix[c, 1]) = (rng.NextNormal(), rng.NextNormal());
        var x = new Tensor(n, 4, length);
        var s = x.Span;
        for (int i = 0; i < n; i++)
        {
            double f0 = 0.03 + 0.05 * rng.NextDouble(), f1 = 0.1 + 0.1 * rng.NextDouble(), p0 = 6.28 * rng.NextDouble(), p1 = 6.28 * rng.NextDouble();
            for (int t = 0; t < length; t++)
            {
                double z0 = Math.Sin(2 * Math.PI * f0 * t + p0), z1 = Math.Sin(2 * Math.PI * f1 * t + p1);
                for (int c = 0; c < 4; c++) s[(i * 4 + c) * length + t] = (float)(mix[c, 0] * z0 + mix[c, 1] * z1);
            }
        }
        return x;
    }

    [Fact]
    public void OptionsAreValidatedAndCancellationStops()
    {
        var model = Cnn1d.Create(2, 30, 2, seed: 1);
        var x = Sines(1, 4, 2, 30);
        var ct = TestContext.Current.CancellationToken;
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoencoderPretraining.Pretrain(model, x, new PretrainingOptions { EpochsPerLayer = 0 }, cancellationToken: ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoencoderPretraining.Pretrain(model, x, new PretrainingOptions { BatchSize = 0 }, cancellationToken: ct));
        Assert.ThrowsAny<ArgumentException>(() => AutoencoderPretraining.Pretrain(model, Sines(1, 4, 3, 30), new PretrainingOptions(), cancellationToken: ct));
        Assert.Single(AutoencoderPretraining.Pretrain(model, x, new PretrainingOptions { EpochsPerLayer = 1, MaxLayers = 1 }, cancellationToken: ct).Layers);
        Assert.Empty(AutoencoderPretraining.PretrainableLayers(LstmModel.Create(4, 2, 4, seed: 1)));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => AutoencoderPretraining.Pretrain(model, x, new PretrainingOptions(), null, cts.Token));
        Assert.True(((ConvBlock)model[0]).Convolution.ComputeInputGradient == false); // restored (cnn1d's first conv has it off)
        Assert.True(((ConvBlock)model[1]).Convolution.ComputeInputGradient);
    }

    private sealed class SyncProgress(Action<PretrainingEpochReport> report) : IProgress<PretrainingEpochReport>
    {
        public void Report(PretrainingEpochReport value) => report(value);
    }
}
