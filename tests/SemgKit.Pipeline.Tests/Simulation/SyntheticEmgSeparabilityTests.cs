using System.Globalization;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

public sealed class SyntheticEmgSeparabilityTests(ITestOutputHelper output)
{
    [Fact]
    public void DefaultDataset_IsSeparableButNotTrivially_ForNearestClassMeanOnMavWl()
    {
        var dataset = DefaultSyntheticDataset.Dataset;
        int k = dataset.ClassNames.Count;
        int window = (int)(0.2 * dataset.SampleRateHz), step = (int)(0.05 * dataset.SampleRateHz);
        var accuracies = new List<double>();
        var balanced = new List<double>();
        foreach (var subject in dataset.Subjects)
        {
            var recordings = dataset.Recordings.Where(r => r.Metadata.Subject == subject).ToArray();
            var train = recordings.Where(r => r.Metadata.Trial <= 4).ToArray();
            var test = recordings.Where(r => r.Metadata.Trial > 4).ToArray();
            var result = NearestMeanQuickCheck.Run(train, test, k, window, step);
            accuracies.Add(result.Accuracy);
            balanced.Add(result.BalancedAccuracy);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{subject}: accuracy {result.Accuracy:P1}, balanced {result.BalancedAccuracy:P1}, {result.TestWindows} test windows, majority class {result.MajorityRate:P1}"));
        }
        double mean = accuracies.Average(), meanBalanced = balanced.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean: accuracy {mean:P1}, balanced {meanBalanced:P1}; chance 1/{k} = {1.0 / k:P1}; generated in {DefaultSyntheticDataset.GenerationTime.TotalMilliseconds:F0} ms"));

        // Well above chance (balanced accuracy counts every class equally, so rest's share does not help)…
        Assert.True(meanBalanced > 3.0 / k, $"balanced accuracy {meanBalanced:P1} is not clearly above chance");
        Assert.True(mean > 0.6, $"accuracy {mean:P1} is too low for a usable demo");
        // …but far from trivially separable, so better classifiers have room to differ.
        Assert.True(mean < 0.97, $"accuracy {mean:P1}: the default dataset is too easy");
        Assert.All(accuracies, a => Assert.True(a < 0.99, $"a subject scored {a:P1}"));
    }

    [Fact]
    public void DefaultDataset_LeavesRoomForBetterClassifiers_LdaBeatsNearestMean()
    {
        var dataset = DefaultSyntheticDataset.Dataset;
        int k = dataset.ClassNames.Count;
        double nearest = 0, lda = 0;
        foreach (var subject in dataset.Subjects)
        {
            var recordings = dataset.Recordings.Where(r => r.Metadata.Subject == subject).ToArray();
            var train = recordings.Where(r => r.Metadata.Trial <= 4).ToArray();
            var test = recordings.Where(r => r.Metadata.Trial > 4).ToArray();
            double a = NearestMeanQuickCheck.Run(train, test, k, 200, 50).Accuracy;
            double b = NearestMeanQuickCheck.Run(train, test, k, 200, 50, lda: true).Accuracy;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subject}: nearest mean {a:P1}, LDA {b:P1}"));
            nearest += a / dataset.Subjects.Count;
            lda += b / dataset.Subjects.Count;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean: nearest mean {nearest:P1}, LDA {lda:P1}"));
        Assert.True(lda > nearest + 0.01, $"LDA {lda:P1} should beat nearest mean {nearest:P1}");
        Assert.True(lda < 0.995, $"LDA {lda:P1}: nothing left for better models");
    }

    [Fact]
    public void Difficulty_MakesTheProblemHarder()
    {
        var easy = SmallDataset(0.0);
        var hard = SmallDataset(1.0);
        double easyAccuracy = Accuracy(easy), hardAccuracy = Accuracy(hard);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"difficulty 0: {easyAccuracy:P1}, difficulty 1: {hardAccuracy:P1}"));
        Assert.True(easyAccuracy > hardAccuracy + 0.03, $"easy {easyAccuracy:P1} vs hard {hardAccuracy:P1}");

        static Pipeline.Data.Dataset SmallDataset(double difficulty) =>
            SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, Difficulty = difficulty }, 7, TestContext.Current.CancellationToken);

        static double Accuracy(Pipeline.Data.Dataset d) => d.Subjects.Average(subject =>
        {
            var recordings = d.Recordings.Where(r => r.Metadata.Subject == subject).ToArray();
            return NearestMeanQuickCheck.Run(
                recordings.Where(r => r.Metadata.Trial <= 4).ToArray(),
                recordings.Where(r => r.Metadata.Trial > 4).ToArray(),
                d.ClassNames.Count, 200, 50).Accuracy;
        });
    }
}
