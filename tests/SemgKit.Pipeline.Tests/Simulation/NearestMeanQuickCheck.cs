using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Tests.Simulation;

/// <summary>
/// A deliberately crude separability probe, independent of the signal library: per channel MAV (of the
/// mean-removed window) and WL (Hudgins et al. 1993) over sliding windows, a window labelled by its centre
/// sample, and a nearest-class-mean classifier in Euclidean feature space (or, to show that better
/// classifiers do better, a textbook LDA).
/// </summary>
internal static class NearestMeanQuickCheck
{
    public sealed record Result(double Accuracy, double BalancedAccuracy, int TestWindows, double MajorityRate);

    /// <summary>Trains on <paramref name="train"/>, tests on <paramref name="test"/>.</summary>
    public static Result Run(IReadOnlyList<Recording> train, IReadOnlyList<Recording> test, int classCount, int windowSamples, int stepSamples, bool lda = false)
    {
        var (trainX, trainY) = Features(train, windowSamples, stepSamples);
        var (testX, testY) = Features(test, windowSamples, stepSamples);
        int f = trainX[0].Length;
        var means = new double[classCount][];
        var counts = new int[classCount];
        for (int k = 0; k < classCount; k++)
            means[k] = new double[f];
        for (int i = 0; i < trainX.Count; i++)
        {
            counts[trainY[i]]++;
            for (int j = 0; j < f; j++)
                means[trainY[i]][j] += trainX[i][j];
        }
        for (int k = 0; k < classCount; k++)
        {
            for (int j = 0; j < f; j++)
                means[k][j] /= Math.Max(counts[k], 1);
        }

        // Optional LDA (pooled covariance, small ridge): scores w_k·x + b_k with w_k = Σ⁻¹μ_k, b_k = −½μ_k·w_k + ln π_k.
        double[][]? weights = null;
        double[]? biases = null;
        if (lda)
        {
            var cov = new double[f, f];
            for (int i = 0; i < trainX.Count; i++)
            {
                var mu = means[trainY[i]];
                for (int a = 0; a < f; a++)
                {
                    for (int b = 0; b < f; b++)
                        cov[a, b] += (trainX[i][a] - mu[a]) * (trainX[i][b] - mu[b]) / trainX.Count;
                }
            }
            double ridge = 0;
            for (int a = 0; a < f; a++)
                ridge += cov[a, a];
            ridge *= 1e-6 / f;
            for (int a = 0; a < f; a++)
                cov[a, a] += ridge;
            weights = new double[classCount][];
            biases = new double[classCount];
            for (int k = 0; k < classCount; k++)
            {
                weights[k] = SolveSymmetric(cov, means[k]);
                biases[k] = -0.5 * Enumerable.Range(0, f).Sum(j => means[k][j] * weights[k][j])
                    + Math.Log(Math.Max(counts[k], 1) / (double)trainX.Count);
            }
        }

        var correctPerClass = new int[classCount];
        var totalPerClass = new int[classCount];
        int correct = 0;
        for (int i = 0; i < testX.Count; i++)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int k = 0; k < classCount; k++)
            {
                if (counts[k] == 0)
                    continue;
                double distance = 0;
                if (weights is not null)
                {
                    distance = -biases![k];
                    for (int j = 0; j < f; j++)
                        distance -= weights[k][j] * testX[i][j];
                }
                else
                {
                    for (int j = 0; j < f; j++)
                    {
                        double d = testX[i][j] - means[k][j];
                        distance += d * d;
                    }
                }
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = k;
                }
            }
            totalPerClass[testY[i]]++;
            if (best == testY[i])
            {
                correct++;
                correctPerClass[best]++;
            }
        }
        double balanced = Enumerable.Range(0, classCount).Where(k => totalPerClass[k] > 0)
            .Average(k => (double)correctPerClass[k] / totalPerClass[k]);
        double majority = (double)totalPerClass.Max() / testX.Count;
        return new Result((double)correct / testX.Count, balanced, testX.Count, majority);
    }

    /// <summary>Solves A·x = b for symmetric positive definite A by Cholesky decomposition.</summary>
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        int n = b.Length;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++)
                    sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
                sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
                sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }

    private static (List<double[]> X, List<int> Y) Features(IReadOnlyList<Recording> recordings, int windowSamples, int stepSamples)
    {
        var xs = new List<double[]>();
        var ys = new List<int>();
        foreach (var r in recordings)
        {
            for (int start = 0; start + windowSamples <= r.SampleCount; start += stepSamples)
            {
                var row = new double[2 * r.ChannelCount];
                for (int c = 0; c < r.ChannelCount; c++)
                {
                    var w = r.Channel(c).Slice(start, windowSamples);
                    double mean = 0;
                    foreach (float v in w)
                        mean += v;
                    mean /= windowSamples;
                    double mav = 0, wl = 0;
                    for (int t = 0; t < w.Length; t++)
                    {
                        mav += Math.Abs(w[t] - mean);
                        if (t > 0)
                            wl += Math.Abs(w[t] - w[t - 1]);
                    }
                    row[2 * c] = mav / windowSamples;
                    row[2 * c + 1] = wl;
                }
                xs.Add(row);
                ys.Add(r.Labels[start + windowSamples / 2]);
            }
        }
        return (xs, ys);
    }
}
