using SemgKit.Neural.Layers;
using SemgKit.Neural.Optimizers;
using SemgKit.Neural.Serialization;
using SemgKit.Neural.Training;
using SemgKit.TestSupport;

namespace SemgKit.Neural.Tests;

public class ModelTests
{
    private static Sequential SmallCnn() => new(
        new Conv1d(3, 8, 5, padding: Padding.Same), new BatchNorm1d(8), new ReLU(), new MaxPool1d(2),
        new Conv1d(8, 8, 3, padding: 1), new ELU(), new GlobalAveragePool(), new Dropout(0.1f), new Dense(8, 4));

    [Fact]
    public void SameSeedSameWeights()
    {
        var a = SmallCnn();
        var b = SmallCnn();
        a.Initialize(2024);
        b.Initialize(2024);
        foreach (var (x, y) in a.State().Zip(b.State())) Assert.Equal(x.Value.Span.ToArray(), y.Value.Span.ToArray());
        b.Initialize(2025);
        Assert.NotEqual(a.State()[0].Value.Span.ToArray(), b.State()[0].Value.Span.ToArray());
    }

    [Fact]
    public void RngIsPortable()
    {
        // Pinned values: the same on every machine and runtime.
        var rng = new Rng(42);
        var first = rng.NextUInt64();
        Assert.Equal(first, new Rng(42).NextUInt64());
        var u = new Rng(1);
        double mean = 0;
        for (int i = 0; i < 10000; i++) mean += u.NextDouble();
        Assert.InRange(mean / 10000, 0.49, 0.51);
        var n = new Rng(2);
        double s = 0, s2 = 0;
        for (int i = 0; i < 20000; i++) { double v = n.NextNormal(); s += v; s2 += v * v; }
        Assert.InRange(s / 20000, -0.03, 0.03);
        Assert.InRange(s2 / 20000, 0.95, 1.05);
    }

    [Fact]
    public void InitializersHaveTheirScales()
    {
        var rng = new Rng(3);
        var w = new Tensor(64, 32);
        Initializer.XavierUniform().Initialize(w, rng);
        double bound = Math.Sqrt(6.0 / 96);
        Assert.All(w.Data, v => Assert.InRange(v, -bound, bound));
        Initializer.KaimingNormal().Initialize(w, rng);
        double var = w.Data.Select(v => (double)v * v).Average();
        Assert.InRange(var, 2.0 / 32 * 0.9, 2.0 / 32 * 1.1);
        Initializer.Orthogonal().Initialize(w, rng); // 64×32: orthonormal columns
        for (int i = 0; i < 32; i++)
            for (int j = 0; j < 32; j++)
            {
                double dot = 0;
                for (int r = 0; r < 64; r++) dot += w.Data[r * 32 + i] * (double)w.Data[r * 32 + j];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 1e-5);
            }
        var d = new Dense(50, 10);
        d.Initialize(1);
        Assert.All(d.Weight.Value.Data, v => Assert.InRange(v, -1 / Math.Sqrt(50), 1 / Math.Sqrt(50)));
    }

    [Fact]
    public void SeededModelOverfitsOneBatch()
    {
        var model = SmallCnn();
        model.Initialize(1);
        var x = RandomTensors.Normal(10, 16, 3, 20);
        int[] y = [.. Enumerable.Range(0, 16).Select(i => i % 4)];
        var data = new LabeledData(x, y);
        var history = Trainer.Fit(model, data, data, new TrainerOptions
        {
            Epochs = 150,
            BatchSize = 16,
            Optimizer = p => new Adam(p, 0.01),
            Seed = 5,
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(150, history.Epochs.Count);
        Assert.True(history.Epochs[^1].TrainAccuracy == 1.0, $"train accuracy {history.Epochs[^1].TrainAccuracy}");
        Assert.True(history.Epochs[^1].TrainLoss < 0.1 * history.Epochs[0].TrainLoss, $"loss {history.Epochs[0].TrainLoss} → {history.Epochs[^1].TrainLoss}");
        Assert.Equal(1.0, history.Epochs[^1].ValidationAccuracy);
    }

    [Fact]
    public void TrainingIsReproducibleAndEarlyStoppingRestoresBest()
    {
        var x = RandomTensors.Normal(20, 40, 6);
        int[] y = [.. Enumerable.Range(0, 40).Select(i => x.Data[i * 6] > 0 ? 1 : 0)];
        var train = new LabeledData(x, y);
        var validation = new LabeledData(RandomTensors.Normal(21, 12, 6), [.. Enumerable.Range(0, 12).Select(i => i % 2)]);
        TrainingHistory Run(out Sequential model)
        {
            model = new Sequential(new Dense(6, 16), new ReLU(), new Dropout(0.2f), new Dense(16, 2));
            model.Initialize(9);
            var reports = new List<EpochReport>();
            var h = Trainer.Fit(model, train, validation, new TrainerOptions
            {
                Epochs = 60, BatchSize = 7, Seed = 3, EarlyStoppingPatience = 5, ClipGradientNorm = 1.0,
                Optimizer = p => new Sgd(p, 0.1, momentum: 0.9, nesterov: true),
                Schedule = LearningRateSchedule.CosineAnnealing(60),
            }, new SyncProgress(reports.Add), TestContext.Current.CancellationToken);
            Assert.Equal(h.Epochs.Count, reports.Count);
            return h;
        }
        var h1 = Run(out var m1);
        var h2 = Run(out var m2);
        Assert.Equal(h1.Epochs.Select(e => e.TrainLoss), h2.Epochs.Select(e => e.TrainLoss));
        foreach (var (a, b) in m1.State().Zip(m2.State())) Assert.Equal(a.Value.Span.ToArray(), b.Value.Span.ToArray());
        Assert.True(h1.StoppedEarly, "expected early stopping on unrelated validation labels");
        var (loss, _) = Trainer.Evaluate(m1, validation, new Losses.SoftmaxCrossEntropyLoss(), 5, TestContext.Current.CancellationToken);
        Assert.Equal(h1.Epochs[h1.BestEpoch - 1].ValidationLoss!.Value, loss, 1e-5);
    }

    [Fact]
    public void CancellationStopsTraining()
    {
        var model = new Sequential(new Dense(2, 2));
        model.Initialize(1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Fit(model, new LabeledData(new Tensor(4, 2), [0, 1, 0, 1]), null, new TrainerOptions(), null, cts.Token));
    }

    [Fact]
    public void SaveLoadRoundTrip()
    {
        var a = SmallCnn();
        a.Initialize(1);
        a.Forward(RandomTensors.Normal(1, 4, 3, 12), true); // running stats
        using var dir = new TempDirectory();
        WeightsFile.Save(dir.File("m.sknn"), a);
        var b = SmallCnn();
        b.Initialize(2);
        WeightsFile.LoadInto(dir.File("m.sknn"), b);
        foreach (var (x, y) in a.State().Zip(b.State()))
        {
            Assert.Equal(x.Key, y.Key);
            Assert.Equal(x.Value.Span.ToArray(), y.Value.Span.ToArray());
        }
        var input = RandomTensors.Normal(3, 2, 3, 12);
        Assert.Equal(a.Forward(input, false).Span.ToArray(), b.Forward(input, false).Span.ToArray());

        // embedded in a larger stream
        using var ms = new MemoryStream();
        ms.WriteByte(7);
        WeightsFile.Save(ms, a.State());
        ms.WriteByte(9);
        ms.Position = 1;
        Assert.Equal(a.State().Count, WeightsFile.Load(ms).Count);
        Assert.Equal(9, ms.ReadByte());
    }

    [Fact]
    public void StrictLoadNamesEveryProblem()
    {
        var a = new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 2));
        using var ms = new MemoryStream();
        WeightsFile.Save(ms, a.State());
        var b = new Sequential(new Dense(4, 5), new ReLU(), new Dense(5, 2), new BatchNorm1d(2));
        var before = b.State()[0].Value.Span.ToArray();
        ms.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => WeightsFile.LoadInto(ms, b));
        Assert.Contains("Missing: 3.weight, 3.bias, 3.running_mean, 3.running_var", e.Message);
        Assert.Contains("0.weight: file (3×4), model (5×4)", e.Message);
        Assert.Equal(before, b.State()[0].Value.Span.ToArray()); // nothing changed

        var c = new Sequential(new Dense(4, 3));
        ms.Position = 0;
        e = Assert.Throws<InvalidDataException>(() => WeightsFile.LoadInto(ms, c));
        Assert.Contains("Unexpected: 2.weight, 2.bias", e.Message);
    }

    [Fact]
    public void UnknownVersionSaysHowToFix()
    {
        using var ms = new MemoryStream();
        ms.Write("SKNN"u8);
        ms.Write(BitConverter.GetBytes(99));
        ms.Write(BitConverter.GetBytes(0));
        ms.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(ms));
        Assert.Contains("version 99", e.Message);
        Assert.Contains("Upgrade SemgKit", e.Message);
        using var bad = new MemoryStream("NOPE...."u8.ToArray());
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => WeightsFile.Load(bad)).Message);
        using var truncated = new MemoryStream();
        WeightsFile.Save(truncated, new Sequential(new Dense(2, 2)).State());
        var cut = new MemoryStream(truncated.ToArray()[..^3]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => WeightsFile.Load(cut)).Message);
    }

    [Fact]
    public void BatchOneInferenceAllocatesNothingAfterWarmUp()
    {
        var model = new Sequential(
            new Conv1d(3, 4, 5, padding: Padding.Same), new BatchNorm1d(4), new LeakyReLU(), new AvgPool1d(2),
            new Conv1d(4, 4, 3, stride: 2), new Tanh(), new MaxPool1d(2), new Permute(0, 2, 1), new Flatten(),
            new Dense(16, 6), new Sigmoid(), new Reshape(2, 3), new ConvTranspose1d(2, 2, 3, stride: 2),
            new Branch([1, 1], new ELU(), new Reshape(-1, 7)), new Dropout(0.5f), new GlobalAveragePool(), new Dense(2, 3));
        model.Initialize(1);
        var x = RandomTensors.Normal(1, 1, 3, 40);
        var grad = new Tensor(1, 3);
        for (int i = 0; i < 3; i++)
        {
            model.Forward(x, training: false);
            model.Forward(x, training: true);
            model.Backward(grad);
        }
        long inference = Allocations.Fewest(() =>
        {
            for (int i = 0; i < 20; i++) model.Forward(x, training: false);
        });
        long training = Allocations.Fewest(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                model.Forward(x, training: true);
                model.Backward(grad);
            }
        });
        Assert.Equal(0, inference);
        Assert.Equal(0, training);
    }

    [Fact]
    public void SetThreadsPropagatesToChildren()
    {
        var inner = new Sequential(new Dense(2, 2));
        var model = new Sequential(new Dense(2, 2), new Branch([1, 1], inner, new ReLU()));
        Assert.Equal(1, model.Threads);
        model.SetThreads(3);
        Assert.Equal(3, inner[0].Threads);
        Assert.Equal(3, model[1].Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SetThreads(0));
    }

    [Fact]
    public void OutputShapeInference()
    {
        var model = SmallCnn();
        Assert.Equal([5, 4], model.OutputShape([5, 3, 20]));
        var e = Assert.Throws<ArgumentException>(() => model.OutputShape([5, 2, 20]));
        Assert.Contains("3 input channels", e.Message);
        Assert.Equal([2, 8, 6], new Branch([3, 2], new Conv1d(3, 5, 3), new Conv1d(2, 3, 3)).OutputShape([2, 5, 8]));
    }

    private sealed class SyncProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
