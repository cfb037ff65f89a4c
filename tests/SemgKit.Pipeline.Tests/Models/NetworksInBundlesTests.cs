using SemgKit.Learning;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Simulation;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Training;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Models;

/// <summary>Every named network, end to end through the pipeline: train → bundle → load → offline and streamed decisions.</summary>
public class NetworksInBundlesTests
{
    private static readonly Lazy<Dataset> Data = new(() =>
        SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 3, ClassCount = 3, ChannelCount = 4 }, 21));

    private static readonly NetworkTrainingOptions Quick = new() { Epochs = 6, BatchSize = 32, LearningRate = 3e-3, ValidationFraction = 0, Threads = 1 };

    public static TheoryData<string> Architectures => new(Neural.Models.ModelZoo.Names);

    private static EmgModel Train(string name, NetworkTrainingOptions? options = null, int seed = 4)
    {
        var data = Data.Value;
        var spec = Assert.Single(ClassifierSpec.ParseList(name, options ?? Quick));
        var train = data.Recordings.Where(r => r.Metadata.Trial <= 2).ToArray();
        return ModelTrainer.Train(new ModelTrainer.Request(data, train, new FeatureEncoderOptions(), spec, PostProcessingOptions.None, seed), TestContext.Current.CancellationToken).Model;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void EveryNetworkTrainsSavesAndLoadsWithIdenticalPredictions(string name)
    {
        var model = Train(name);
        Assert.Equal(NetworkClassifier.InputOf(name), model.Manifest.Encoder.Input);
        var network = Assert.IsType<NetworkClassifier>(Assert.IsType<StandardizedClassifier>(model.Classifier).Inner);
        Assert.Equal(model.Representation.Shape, network.InputShape);
        Assert.Equal(Quick.Epochs, network.History.Count);
        using var dir = new TempDirectory();
        model.Save(dir.File("m.semg"));
        var back = EmgModel.Load(dir.File("m.semg"));
        Assert.Equal(network.History, TrainingCurves.Of(back.Classifier));

        var test = model.CreateEncoder().EncodeAll(Data.Value.Recordings.Where(r => r.Metadata.Trial == 3).ToArray(), TestContext.Current.CancellationToken);
        int correct = 0;
        var p1 = new float[3];
        var p2 = new float[3];
        for (int i = 0; i < test.Count; i++)
        {
            var row = test.Rows.AsSpan(i * test.FeatureCount, test.FeatureCount);
            int a = model.Classifier.Predict(row, p1);
            Assert.Equal(a, back.Classifier.Predict(row, p2));
            Assert.Equal(p1, p2);
            Assert.InRange(p1.Sum(), 0.999f, 1.001f);
            if (a == test.Labels[i]) correct++;
        }
        // three classes: chance is a third; six epochs on two repetitions must do clearly better
        Assert.True(correct > 0.55 * test.Count, $"{name}: {correct}/{test.Count} correct on the held-out repetition");
    }

    [Theory]
    [InlineData("cnn1d")]
    [InlineData("spectrogram-cnn")]
    [InlineData("attention-lstm-cnn")]
    [InlineData("emg-image-cnn")]
    [InlineData("lstm")]
    public void StreamedDecisionsEqualOfflineOnesForAnyChunking(string name)
    {
        var model = Train(name, Quick with { Epochs = 1 });
        var recording = Data.Value.Recordings.First(r => r.Metadata.Trial == 3);
        var encoder = model.CreateEncoder();
        var offline = encoder.Encode(recording, 0);
        var classifier = model.CopyClassifier();
        var expected = new float[offline.Count][];
        for (int i = 0; i < offline.Count; i++)
        {
            expected[i] = new float[3];
            classifier.Predict(offline.Rows.AsSpan(i * offline.FeatureCount, offline.FeatureCount), expected[i]);
        }
        var frames = recording.ToFrameMajor();
        var rng = new Random(7);
        for (int trial = 0; trial < 4; trial++)
        {
            var stream = new StreamingClassifier(model);
            var sink = new Recorder();
            for (int at = 0; at < recording.SampleCount;)
            {
                int chunk = Math.Min(recording.SampleCount - at, trial == 0 ? recording.SampleCount : rng.Next(1, 300));
                stream.Push(frames.AsSpan(at * 4, chunk * 4), sink);
                at += chunk;
            }
            Assert.Equal(offline.Count, sink.Probabilities.Count);
            for (int i = 0; i < offline.Count; i++) Assert.Equal(expected[i], sink.Probabilities[i]);
        }
    }

    [Fact]
    public void NetworkStreamingAllocatesNothingPerPush()
    {
        var model = Train("cnn-lstm", Quick with { Epochs = 1 });
        var frames = Data.Value.Recordings[0].ToFrameMajor();
        var stream = new StreamingClassifier(model);
        var sink = new Counter();
        stream.Push(frames.AsSpan(0, 1000 * 4), sink);
        long bytes = Allocations.Fewest(() =>
        {
            for (int at = 1000; at + 25 <= Data.Value.Recordings[0].SampleCount; at += 25)
                stream.Push(frames.AsSpan(at * 4, 25 * 4), sink);
        });
        Assert.True(sink.N > 20);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBundleAndAnotherSeedAnother()
    {
        using var dir = new TempDirectory();
        Train("light-cnn", Quick with { Epochs = 2 }).Save(dir.File("a.semg"));
        Train("light-cnn", Quick with { Epochs = 2 }).Save(dir.File("b.semg"));
        Train("light-cnn", Quick with { Epochs = 2 }, seed: 5).Save(dir.File("c.semg"));
        var a = File.ReadAllBytes(dir.File("a.semg"));
        Assert.Equal(a, File.ReadAllBytes(dir.File("b.semg")));
        Assert.NotEqual(a, File.ReadAllBytes(dir.File("c.semg")));
    }

    [Fact]
    public void EarlyStoppingOnHeldOutRecordingsKeepsTheBestEpoch()
    {
        var model = Train("cnn1d", Quick with { Epochs = 12, ValidationFraction = 0.34, Patience = 2 });
        var history = TrainingCurves.Of(model.Classifier);
        Assert.All(history, e => Assert.True(double.IsFinite(e.ValidationLoss)));
        Assert.InRange(history.Count, 3, 12);
        Assert.True(history[^1].LearningRate < Quick.LearningRate, "cosine annealing lowers the rate");
    }

    [Fact]
    public void ACorruptWeightTensorIsAClearError()
    {
        var model = Train("lstm", Quick with { Epochs = 1 });
        using var dir = new TempDirectory();
        string path = dir.File("m.semg");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        // rename one weight tensor ("weight_ih_l0" → "weight_xx_l0") and fix the checksum: the strict load must name it
        var text = System.Text.Encoding.ASCII.GetBytes("weight_ih_l0");
        int at = bytes.AsSpan().IndexOf(text);
        Assert.True(at > 0);
        bytes[at + 7] = (byte)'x';
        bytes[at + 8] = (byte)'x';
        Fnv(bytes);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => EmgModel.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("weight_ih_l0", e.Message);
        Assert.Contains("Unexpected", e.Message);
    }

    [Fact]
    public void CrossValidationMixesFeatureLearnersAndNetworksAndReportsTheirCurves()
    {
        var request = new FeatureEvaluationRequest(Data.Value, new FeatureEncoderOptions(), SplitSpec.Parse("repetition"),
            ClassifierSpec.ParseList("lda,cnn1d,light-cnn+ensemble:2:vote", Quick with { Epochs = 2 }), "test");
        var results = FeatureEvaluation.Run(request, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["lda", "cnn1d", "light-cnn+ensemble:2:vote"], results.Models.Select(m => m.Name));
        Assert.Empty(results.Models[0].History);
        Assert.Equal(2, results.Models[1].History.Count);
        Assert.Equal(2, results.Models[2].History.Count);
        Assert.Contains("raw 4×200", results.Pipeline.Features);
        Assert.All(results.Models, m => Assert.True(m.Accuracy > 0.4, $"{m.Name}: {m.Accuracy}"));
    }

    [Fact]
    public void FoldsTrainedSideBySideGiveTheSameResultsAsOneAtATime()
    {
        // Threads = 2: the folds train two at a time on one thread each; Threads = 1: one after another.
        var data = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 3, RepetitionCount = 2, ClassCount = 3, ChannelCount = 4 }, 22, TestContext.Current.CancellationToken);
        EvaluationResults Run(int threads) => FeatureEvaluation.Run(
            new FeatureEvaluationRequest(data, new FeatureEncoderOptions(), SplitSpec.Loso,
                ClassifierSpec.ParseList("cnn1d,light-cnn+ensemble:2:vote", Quick with { Epochs = 2, Threads = threads }), "test"),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, ClassifierSpec.ParseList("cnn1d", Quick with { Threads = 2 })[0].Threads);
        var one = Run(1);
        var two = Run(2);
        Assert.True(one.Split.Folds >= 2, $"{one.Split.Folds} folds");
        for (int m = 0; m < one.Models.Count; m++)
        {
            Assert.Equal(one.Models[m].Folds.Select(f => f.Accuracy), two.Models[m].Folds.Select(f => f.Accuracy));
            Assert.Equal(one.Models[m].History.Select(e => e.TrainLoss), two.Models[m].History.Select(e => e.TrainLoss));
        }
    }

    [Fact]
    public void AFoldNetworkStartsFromThePopulationNetworkOnItsStandardisation()
    {
        // Fine-tuning at a vanishing learning rate leaves the population network's weights as they are (the batch-norm running
        // statistics do move: they follow the fold's batches); a network trained without the population has other weights.
        var data = Data.Value;
        var encoderOptions = new FeatureEncoderOptions { Input = NetworkClassifier.InputOf("light-cnn") };
        var encoder = new FeatureWindowEncoder(encoderOptions, data.SampleRateHz, data.ChannelCount, data.ClassNames.Count);
        var all = data.Recordings.Where(r => r.Metadata.Trial <= 2).ToArray();
        var fold = data.Recordings.Where(r => r.Metadata.Trial == 2).ToArray();
        var ct = TestContext.Current.CancellationToken;
        var spec = Assert.Single(ClassifierSpec.ParseList("light-cnn+population", Quick with { Epochs = 1, LearningRate = 1e-12 }));
        Assert.Equal("light-cnn+population", spec.Name);
        var populationSpec = Assert.Single(ClassifierSpec.ParseList("light-cnn+population", Quick with { PopulationEpochs = 2 })).Population!;
        var population = StandardizedClassifier.Fit(populationSpec, FeatureEvaluation.TrainingSetOf(encoder.EncodeAll(all, ct), all, encoder, 3), ct);
        var foldSet = FeatureEvaluation.TrainingSetOf(encoder.EncodeAll(fold, ct), fold, encoder, 3);
        var tuned = StandardizedClassifier.Fit(spec, foldSet with { Population = population }, ct);
        var alone = StandardizedClassifier.Fit(spec, foldSet, ct);
        Assert.Same(population.Standardizer, tuned.Standardizer);
        Assert.NotSame(population.Standardizer, alone.Standardizer);
        var (p, q, r) = (Weights(population), Weights(tuned), Weights(alone));
        double differsAlone = 0;
        for (int i = 0; i < p.Count; i++)
            for (int j = 0; j < p[i].Length; j++)
            {
                Assert.Equal(p[i][j], q[i][j], 1e-6);
                differsAlone = Math.Max(differsAlone, Math.Abs(p[i][j] - r[i][j]));
            }
        Assert.True(differsAlone > 1e-3, $"a network trained without the population has the same weights ({differsAlone})");
        Assert.True(((NetworkClassifier)tuned.Inner).History.Count == 1);
    }

    [Fact]
    public void PopulationFineTuningRunsUnderARepetitionSplitAndIsRefusedWhereFoldsTestOthersTrainingData()
    {
        var data = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 3, ClassCount = 3, ChannelCount = 4 }, 23, TestContext.Current.CancellationToken);
        EvaluationResults Run(string split) => FeatureEvaluation.Run(
            new FeatureEvaluationRequest(data, new FeatureEncoderOptions(), SplitSpec.Parse(split),
                ClassifierSpec.ParseList("light-cnn+population", Quick with { Epochs = 2, PopulationEpochs = 2 }), "test"),
            cancellationToken: TestContext.Current.CancellationToken);
        var first = Run("repetition");
        var again = Run("repetition");
        Assert.Equal("light-cnn+population", Assert.Single(first.Models).Name);
        Assert.Equal(2, first.Split.Folds);
        Assert.Equal(first.Models[0].Folds.Select(f => f.Accuracy), again.Models[0].Folds.Select(f => f.Accuracy));
        Assert.True(first.Models[0].Accuracy > 0.4, $"{first.Models[0].Accuracy}");
        var e = Assert.Throws<SemgException>(() => Run("loso"));
        Assert.Contains("+population", e.Message);
        Assert.Contains("trains one fold and tests another", e.Message);
    }

    [Theory]
    [InlineData("svm+population", "not a network")]
    [InlineData("light-cnn+population+ensemble:2", "do not combine")]
    public void PopulationIsForSingleNetworks(string models, string expected) =>
        Assert.Contains(expected, Assert.Throws<SemgException>(() => ClassifierSpec.ParseList(models)).Message);

    [Fact]
    public void WithBalancedThePooledNetworkIsClassWeightedAsTheFineTuningIs()
    {
        var data = Data.Value;
        var encoder = new FeatureWindowEncoder(new FeatureEncoderOptions { Input = NetworkClassifier.InputOf("light-cnn") }, data.SampleRateHz, data.ChannelCount, data.ClassNames.Count);
        var ct = TestContext.Current.CancellationToken;
        var all = data.Recordings.ToArray();
        var full = FeatureEvaluation.TrainingSetOf(encoder.EncodeAll(all, ct), all, encoder, 3);
        var set = full.Subset([.. Enumerable.Range(0, full.Labels.Length).Where(i => full.Labels[i] != 0 || i % 4 == 0)]); // class 0 cut to a quarter
        var options = Quick with { PopulationEpochs = 2 };
        var balanced = Assert.Single(ClassifierSpec.ParseList("light-cnn+balanced+population", options));
        Assert.Equal("light-cnn+balanced+population", balanced.Name);
        var plain = Assert.Single(ClassifierSpec.ParseList("light-cnn+population", options)).Population!;
        var weights = ClassWeights.Balanced(set.Labels, set.ClassCount);
        Assert.True(weights[0] > 2 * weights[1], string.Join(", ", weights));
        var pooled = Weights(StandardizedClassifier.Fit(balanced.Population!, set, ct));
        Assert.Equal(Weights(StandardizedClassifier.Fit(plain, set with { ClassWeights = weights }, ct)), pooled);
        Assert.NotEqual(Weights(StandardizedClassifier.Fit(plain, set, ct)), pooled);
    }

    private static IReadOnlyList<float[]> Weights(StandardizedClassifier c) => ((NetworkClassifier)c.Inner).Model.Parameters().Select(p => p.Value.Span.ToArray()).ToArray();

    private static void Fnv(byte[] bytes)
    {
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < bytes.Length - 8; i++)
        {
            hash ^= bytes[i];
            hash *= 1099511628211UL;
        }
        BitConverter.GetBytes(hash).CopyTo(bytes, bytes.Length - 8);
    }

    private sealed class Recorder : IDecisionHandler
    {
        public List<float[]> Probabilities { get; } = [];

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) => Probabilities.Add(probabilities.ToArray());
    }

    private sealed class Counter : IDecisionHandler
    {
        public int N;

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) => N++;
    }

    [Fact]
    public void LayerWisePretrainingInitialisesTheConvLayersBeforeTraining()
    {
        var plain = Train("cnn-lstm-muscle", Quick with { Epochs = 1 });
        var pretrained = Train("cnn-lstm-muscle", Quick with { Epochs = 1, Pretrain = true, PretrainEpochs = 2 });
        var test = plain.CreateEncoder().EncodeAll(Data.Value.Recordings.Where(r => r.Metadata.Trial == 3).ToArray(), TestContext.Current.CancellationToken);
        var row = test.Rows.AsSpan(0, test.FeatureCount);
        var a = new float[3];
        var b = new float[3];
        plain.Classifier.Predict(row, a);
        pretrained.Classifier.Predict(row, b);
        Assert.NotEqual(a, b);
        Assert.InRange(b.Sum(), 0.999f, 1.001f);
        var again = Train("cnn-lstm-muscle", Quick with { Epochs = 1, Pretrain = true, PretrainEpochs = 2 });
        var c = new float[3];
        again.Classifier.Predict(row, c);
        Assert.Equal(b, c);
    }
}
