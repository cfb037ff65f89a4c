using SemgKit.Learning.Solvers;

namespace SemgKit.Learning;

/// <summary>
/// C-support vector classification as LIBSVM 3.x / scikit-learn's <c>SVC</c> (sklearn 1.2 bundles
/// LIBSVM): one binary C-SVC per class pair (one-vs-one), each solved by LIBSVM's SMO with second-order
/// working-set selection (Fan, Chen &amp; Lin 2005), shrinking and an LRU kernel-row cache; prediction by
/// pairwise voting. Differences from LIBSVM, none of which change the solution beyond the stopping
/// tolerance: rows are stored as float and kernel rows are computed with SIMD dot products (precomputed
/// squared norms for RBF); the K(K−1)/2 binary problems are solved concurrently.
/// </summary>
public static class Svm
{
    /// <summary>Fits an SVM on rows <paramref name="x"/> (N × F) with labels <paramref name="y"/> (N, in [0, K)).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, K &lt; 2 (one class), a class has
    /// no samples, a value is not finite, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SvmClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, SvmOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SvmOptions();
        var (k, counts) = TrainingData.Check("SVM", x, y, options.ClassCount);
        var weights = TrainingData.Weights(options.ClassWeights, k);
        if (!(options.C > 0) || !double.IsFinite(options.C))
            throw new ArgumentException($"C = {options.C} must be finite and positive.", nameof(options));
        if (!(options.Tolerance > 0))
            throw new ArgumentException($"Tolerance = {options.Tolerance} must be positive.", nameof(options));
        if (options.Kernel == SvmKernel.Polynomial && options.Degree < 1)
            throw new ArgumentException($"Degree = {options.Degree} must be at least 1.", nameof(options));
        if (options.CacheSizeMb < 1)
            throw new ArgumentException($"CacheSizeMb = {options.CacheSizeMb} must be at least 1.", nameof(options));
        if (!Enum.IsDefined(options.Kernel))
            throw new ArgumentException($"Unknown kernel {options.Kernel}.", nameof(options));
        var gamma = options.Gamma ?? ScaleGamma(x);
        if (!(gamma > 0) || !double.IsFinite(gamma))
            throw new ArgumentException($"Gamma = {gamma} must be finite and positive.", nameof(options));
        var kernel = new KernelParameters(options.Kernel, gamma, options.Coef0, options.Degree);

        int n = x.RowCount, f = x.FeatureCount;
        // Group rows by class, stably (LIBSVM's svm_group_classes with sorted labels, as sklearn).
        var start = new int[k + 1];
        for (var c = 0; c < k; c++) start[c + 1] = start[c] + counts[c];
        var perm = new int[n];
        var fill = (int[])start.Clone();
        for (var i = 0; i < n; i++) perm[fill[y[i]]++] = i;
        var grouped = new float[(long)n * f];
        var data = x.Data;
        for (var i = 0; i < n; i++) data.Slice(perm[i] * f, f).CopyTo(grouped.AsSpan(i * f, f));

        var pairCount = k * (k - 1) / 2;
        var pairs = new (int I, int J)[pairCount];
        for (int i = 0, p = 0; i < k; i++)
            for (var j = i + 1; j < k; j++) pairs[p++] = (i, j);
        var parallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        parallelism = Math.Max(1, Math.Min(parallelism, pairCount));
        var cacheBytes = (long)options.CacheSizeMb * (1 << 20) / parallelism;

        var solutions = new SmoSolver.Solution[pairCount];
        var probA = options.Probability ? new double[pairCount] : null;
        var probB = options.Probability ? new double[pairCount] : null;
        // Largest problems first so that the cores stay busy.
        var order = Enumerable.Range(0, pairCount)
            .OrderByDescending(p => counts[pairs[p].I] + counts[pairs[p].J]).ToArray();
        Parallel.For(0, pairCount, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, t =>
        {
            var p = order[t];
            var (ci, cj) = pairs[p];
            int ni = counts[ci], nj = counts[cj];
            var subX = new float[(long)(ni + nj) * f];
            grouped.AsSpan(start[ci] * f, ni * f).CopyTo(subX);
            grouped.AsSpan(start[cj] * f, nj * f).CopyTo(subX.AsSpan(ni * f));
            var positive = new bool[ni + nj];
            positive.AsSpan(0, ni).Fill(true);
            double cp = options.C * weights[ci], cn = options.C * weights[cj];
            if (probA is not null)
            {
                var (a, b) = BinaryProbability(subX, f, positive, cp, cn, kernel, options, unchecked(options.Seed * 1_000_003 + p), cacheBytes, cancellationToken);
                probA[p] = a;
                probB![p] = b;
            }
            solutions[p] = SmoSolver.SolveCSvc((float[])subX.Clone(), f, positive, cp, cn, kernel, options.Tolerance, options.Shrinking, cacheBytes, cancellationToken);
        });

        // Support vectors: rows with a non-zero coefficient in any pair (LIBSVM's nonzero[]), grouped by class.
        var nonzero = new bool[n];
        for (var p = 0; p < pairCount; p++)
        {
            var (ci, cj) = pairs[p];
            var coef = solutions[p].Coefficients;
            for (var t = 0; t < counts[ci]; t++)
                if (coef[t] != 0) nonzero[start[ci] + t] = true;
            for (var t = 0; t < counts[cj]; t++)
                if (coef[counts[ci] + t] != 0) nonzero[start[cj] + t] = true;
        }
        var svCounts = new int[k];
        var svPosition = new int[n];
        var totalSv = 0;
        for (var c = 0; c < k; c++)
        {
            for (var t = start[c]; t < start[c + 1]; t++)
            {
                if (!nonzero[t]) continue;
                svPosition[t] = totalSv++;
                svCounts[c]++;
            }
        }
        var supportVectors = new float[(long)totalSv * f];
        var supportIndices = new int[totalSv];
        for (var t = 0; t < n; t++)
        {
            if (!nonzero[t]) continue;
            grouped.AsSpan(t * f, f).CopyTo(supportVectors.AsSpan(svPosition[t] * f, f));
            supportIndices[svPosition[t]] = perm[t];
        }
        // LIBSVM's sv_coef layout: (K − 1) × nSV; for pair (i, j) the coefficients of class i's SVs are in
        // row j − 1 and those of class j's SVs in row i.
        var dualCoef = new float[(long)(k - 1) * totalSv];
        var rho = new double[pairCount];
        for (var p = 0; p < pairCount; p++)
        {
            var (ci, cj) = pairs[p];
            var coef = solutions[p].Coefficients;
            rho[p] = solutions[p].Rho;
            for (var t = 0; t < counts[ci]; t++)
                if (nonzero[start[ci] + t]) dualCoef[(cj - 1) * totalSv + svPosition[start[ci] + t]] = (float)coef[t];
            for (var t = 0; t < counts[cj]; t++)
                if (nonzero[start[cj] + t]) dualCoef[ci * totalSv + svPosition[start[cj] + t]] = (float)coef[counts[ci] + t];
        }
        return new SvmClassifier(k, f, options.Kernel, gamma, options.Coef0, options.Degree, supportVectors, svCounts,
            dualCoef, rho, probA, probB, supportIndices);
    }

    /// <summary>sklearn's gamma='scale': 1 / (F · Var(X)) over all values (1 when the variance is 0).</summary>
    public static double ScaleGamma(FeatureMatrix x)
    {
        var data = x.Data;
        if (data.IsEmpty) return 1.0;
        double mean = 0;
        foreach (var v in data) mean += v;
        mean /= data.Length;
        double ss = 0;
        foreach (var v in data)
        {
            var d = v - mean;
            ss += d * d;
        }
        var variance = ss / data.Length;
        return variance > 0 ? 1.0 / (x.FeatureCount * variance) : 1.0;
    }

    /// <summary>
    /// LIBSVM's <c>svm_binary_svc_probability</c>: 5-fold cross-validated decision values (seeded shuffle),
    /// then Platt's sigmoid fitted to them.
    /// </summary>
    private static (double A, double B) BinaryProbability(float[] x, int f, bool[] positive, double cp, double cn,
        KernelParameters kernel, SvmOptions options, int seed, long cacheBytes, CancellationToken cancellationToken)
    {
        const int folds = 5;
        var l = positive.Length;
        var rng = new Random(seed);
        var perm = new int[l];
        for (var i = 0; i < l; i++) perm[i] = i;
        for (var i = 0; i < l; i++)
        {
            var j = i + rng.Next(l - i);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        var decisions = new double[l];
        for (var fold = 0; fold < folds; fold++)
        {
            int begin = fold * l / folds, end = (fold + 1) * l / folds;
            var trainCount = l - (end - begin);
            var subX = new float[(long)trainCount * f];
            var subPositive = new bool[trainCount];
            int pCount = 0, nCount = 0, q = 0;
            for (var t = 0; t < l; t++)
            {
                if (t >= begin && t < end) continue;
                var row = perm[t];
                x.AsSpan(row * f, f).CopyTo(subX.AsSpan(q * f, f));
                subPositive[q++] = positive[row];
                if (positive[row]) pCount++;
                else nCount++;
            }
            if (pCount == 0 || nCount == 0)
            {
                var constant = pCount == 0 && nCount == 0 ? 0.0 : pCount > 0 ? 1.0 : -1.0;
                for (var t = begin; t < end; t++) decisions[perm[t]] = constant;
                continue;
            }
            var trainRows = (float[])subX.Clone();
            var solution = SmoSolver.SolveCSvc(subX, f, subPositive, cp, cn, kernel, options.Tolerance, options.Shrinking, cacheBytes, cancellationToken);
            // Keep the sub-model's support vectors and evaluate the held-out rows.
            var svIndex = new List<int>();
            for (var t = 0; t < trainCount; t++)
                if (solution.Coefficients[t] != 0) svIndex.Add(t);
            var sv = new float[svIndex.Count * f];
            var svNorms = new float[svIndex.Count];
            for (var s = 0; s < svIndex.Count; s++)
            {
                var src = trainRows.AsSpan(svIndex[s] * f, f);
                src.CopyTo(sv.AsSpan(s * f, f));
                svNorms[s] = Simd.Dot(src, src);
            }
            var values = new float[svIndex.Count];
            for (var t = begin; t < end; t++)
            {
                var row = x.AsSpan(perm[t] * f, f);
                Simd.MatVec(sv, svIndex.Count, row, values);
                kernel.Apply(values, Simd.Dot(row, row), svNorms);
                double sum = 0;
                for (var s = 0; s < values.Length; s++) sum += solution.Coefficients[svIndex[s]] * values[s];
                decisions[perm[t]] = sum - solution.Rho;
            }
        }
        return Platt.SigmoidTrain(decisions, positive);
    }
}
