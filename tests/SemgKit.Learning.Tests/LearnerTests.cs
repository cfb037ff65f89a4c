namespace SemgKit.Learning.Tests;

/// <summary>Persistence, allocation, determinism and degenerate inputs for SVM, QDA, kNN, random forest and Gaussian naive Bayes.</summary>
public class LearnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Learners => new("svm", "svm-linear-prob", "qda", "knn", "knn-distance", "forest", "gnb");

    private static IClassifier Fit(string learner, FeatureMatrix x, int[] y) => learner switch
    {
        "svm" => Svm.Fit(x, y, new SvmOptions { C = 10 }, Ct),
        "svm-linear-prob" => Svm.Fit(x, y, new SvmOptions { Kernel = SvmKernel.Linear, Probability = true, Seed = 4 }, Ct),
        "qda" => Qda.Fit(x, y, new QdaOptions { RegParam = 0.05 }),
        "knn" => Knn.Fit(x, y),
        "knn-distance" => Knn.Fit(x, y, new KnnOptions { Neighbors = 7, Weights = KnnWeights.Distance }),
        "forest" => RandomForest.Fit(x, y, new RandomForestOptions { Trees = 20, Seed = 9 }, Ct),
        "gnb" => GaussianNaiveBayes.Fit(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(learner)),
    };

    private static byte[] Write(IClassifier model) => model switch
    {
        SvmClassifier m => GoldenData.Bytes(m, (a, w) => a.Write(w)),
        QdaClassifier m => GoldenData.Bytes(m, (a, w) => a.Write(w)),
        KnnClassifier m => GoldenData.Bytes(m, (a, w) => a.Write(w)),
        RandomForestClassifier m => GoldenData.Bytes(m, (a, w) => a.Write(w)),
        GaussianNaiveBayesClassifier m => GoldenData.Bytes(m, (a, w) => a.Write(w)),
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    private static Func<BinaryReader, IClassifier> Reader(IClassifier model) => model switch
    {
        SvmClassifier => r => SvmClassifier.Read(r),
        QdaClassifier => r => QdaClassifier.Read(r),
        KnnClassifier => r => KnnClassifier.Read(r),
        RandomForestClassifier => r => RandomForestClassifier.Read(r),
        GaussianNaiveBayesClassifier => r => GaussianNaiveBayesClassifier.Read(r),
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    [Theory]
    [MemberData(nameof(Learners))]
    public void WriteReadGivesTheSamePredictionsAndCorruptionIsReported(string learner)
    {
        var (x, y) = GoldenData.Clusters(1, 240, 7, 4, 1.5);
        var model = Fit(learner, x, y);
        var bytes = Write(model);
        var read = Reader(model);
        IClassifier copy;
        using (var reader = new BinaryReader(new MemoryStream(bytes))) copy = read(reader);
        Assert.Equal(model.ClassCount, copy.ClassCount);
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
        var (test, _) = GoldenData.Clusters(2, 60, 7, 4, 1.5);
        float[] p1 = new float[4], p2 = new float[4];
        for (var r = 0; r < test.RowCount; r++)
        {
            Assert.Equal(model.Predict(test.Row(r), p1), copy.Predict(test.Row(r), p2));
            Assert.Equal(p1, p2);
        }
        Assert.Equal(Write(model), Write(copy));

        var badMagic = (byte[])bytes.Clone();
        badMagic[0] ^= 0xFF;
        Assert.Contains("magic", GoldenData.ReadFails(badMagic, read).Message);
        var badVersion = (byte[])bytes.Clone();
        badVersion[4] = 99;
        Assert.Contains("version 99 is not supported", GoldenData.ReadFails(badVersion, read).Message);
        var badK = (byte[])bytes.Clone();
        BitConverter.GetBytes(-3).CopyTo(badK, 8);
        Assert.Contains("class count -3 is out of range", GoldenData.ReadFails(badK, read).Message);
        Assert.Contains("truncated", GoldenData.ReadFails(bytes[..(bytes.Length - 3)], read).Message);
        Assert.Contains("truncated", GoldenData.ReadFails(bytes[..20], read).Message);
        // Another model's file is refused by its magic.
        var lda = GoldenData.Bytes(Lda.Fit(x, y), (m, w) => m.Write(w));
        Assert.Contains("magic", GoldenData.ReadFails(lda, read).Message);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void PredictDoesNotAllocate(string learner)
    {
        var (x, y) = GoldenData.Clusters(3, 300, 12, 5, 1.0);
        var model = Fit(learner, x, y);
        var p = new float[5];
        var row = x.Row(7).ToArray();
        Assert.Equal(0, GoldenData.Allocated(() => model.Predict(row, p)));
        Assert.Equal(0, GoldenData.Allocated(() => model.Predict(row, Span<float>.Empty)));
        Assert.Equal(1f, p.Sum(), 1e-4f);
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void OneClassIsRejectedWithAClearMessage(string learner)
    {
        var (x, _) = GoldenData.Clusters(4, 30, 3, 2, 1.0);
        var e = Assert.Throws<ArgumentException>(() => Fit(learner, x, new int[30]));
        Assert.Contains("at least 2 classes", e.Message);
        var y = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? 0 : 2).ToArray();
        Assert.Contains("Class 1 has no samples", Assert.Throws<ArgumentException>(() => Fit(learner, x, y)).Message);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void ConstantFeaturesAndDuplicateRowsAreHandled(string learner)
    {
        var (x, y) = GoldenData.Clusters(5, 120, 5, 3, 3.0);
        for (var i = 0; i < x.RowCount; i++) x.Row(i)[2] = 4.25f;
        for (var i = 60; i < 90; i++)
        {
            x.Row(i - 60).CopyTo(x.Row(i));
            y[i] = y[i - 60];
        }
        var model = Fit(learner, x, y);
        var p = new float[3];
        var correct = 0;
        for (var i = 0; i < x.RowCount; i++)
        {
            correct += model.Predict(x.Row(i), p) == y[i] ? 1 : 0;
            Assert.All(p, v => Assert.True(float.IsFinite(v)));
        }
        Assert.True(correct >= 100, $"{learner}: {correct}/120 training rows correct");
    }

    [Fact]
    public void ForestIsDeterministicForASeedRegardlessOfThreads()
    {
        var (x, y) = GoldenData.Clusters(6, 300, 8, 3, 0.8);
        var a = RandomForest.Fit(x, y, new RandomForestOptions { Trees = 24, Seed = 11, MaxDegreeOfParallelism = 1 }, Ct);
        var b = RandomForest.Fit(x, y, new RandomForestOptions { Trees = 24, Seed = 11, MaxDegreeOfParallelism = 4 }, Ct);
        var c = RandomForest.Fit(x, y, new RandomForestOptions { Trees = 24, Seed = 12 }, Ct);
        Assert.Equal(Write(a), Write(b));
        Assert.NotEqual(Write(a), Write(c));
    }

    [Fact]
    public void SvmIsDeterministicRegardlessOfThreadsAndProbabilitySeed()
    {
        var (x, y) = GoldenData.Clusters(7, 200, 6, 4, 0.8);
        var a = Svm.Fit(x, y, new SvmOptions { Probability = true, Seed = 1, MaxDegreeOfParallelism = 1 }, Ct);
        var b = Svm.Fit(x, y, new SvmOptions { Probability = true, Seed = 1, MaxDegreeOfParallelism = 3 }, Ct);
        Assert.Equal(Write(a), Write(b));
    }

    [Fact]
    public void SvmWithoutProbabilityFillsCoupledVoteProbabilities()
    {
        var (x, y) = GoldenData.Clusters(8, 200, 6, 4, 1.5);
        var model = Svm.Fit(x, y, null, Ct);
        Assert.False(model.HasCalibratedProbabilities);
        var p = new float[4];
        var dec = new float[6];
        var agree = 0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var label = model.Predict(x.Row(i), p);
            agree += Array.IndexOf(p, p.Max()) == label ? 1 : 0;
            model.DecisionFunction(x.Row(i), dec);
            Assert.Equal(1f, p.Sum(), 1e-4f);
        }
        Assert.True(agree >= 195, $"{agree}/200 arg-max probabilities agree with the vote");
        Assert.Throws<ArgumentException>(() => model.DecisionFunction(x.Row(0), new float[4]));
        Assert.Throws<ArgumentException>(() => model.Predict(x.Row(0), new float[3]));
    }

    [Fact]
    public void BalancedClassWeightsAreSklearns()
    {
        var w = ClassWeights.Balanced([0, 0, 0, 1, 2, 2], 3);
        Assert.Equal([6.0 / 9, 2.0, 1.0], w);
        Assert.Contains("Class 3 has no samples", Assert.Throws<ArgumentException>(() => ClassWeights.Balanced([0, 1, 2], 4)).Message);
    }

    [Fact]
    public void ClassWeightsShiftTheDecisionTowardsTheHeavierClass()
    {
        var (x, y) = GoldenData.Clusters(9, 400, 4, 2, 0.4);
        int Count(IClassifier m)
        {
            var ones = 0;
            for (var i = 0; i < x.RowCount; i++) ones += m.Predict(x.Row(i), Span<float>.Empty);
            return ones;
        }
        var heavy = new[] { 1.0, 5.0 };
        Assert.True(Count(Svm.Fit(x, y, new SvmOptions { ClassWeights = heavy }, Ct)) > Count(Svm.Fit(x, y, null, Ct)));
        Assert.True(Count(RandomForest.Fit(x, y, new RandomForestOptions { ClassWeights = heavy, MaxDepth = 3, Trees = 30 }, Ct))
                    > Count(RandomForest.Fit(x, y, new RandomForestOptions { MaxDepth = 3, Trees = 30 }, Ct)));
    }
}
