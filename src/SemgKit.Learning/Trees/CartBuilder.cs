namespace SemgKit.Learning.Trees;

/// <summary>
/// Grows one CART classification tree with the weighted Gini impurity, as sklearn's <c>DecisionTreeClassifier</c>
/// inside a random forest (best splitter, random feature subsets, thresholds midway between consecutive
/// distinct values, constant features not counted towards max_features). The sample weight of row i is its
/// bootstrap count × its class weight; rows with weight 0 are left out.
/// </summary>
internal static class CartBuilder
{
    public static CartTree Build(float[] x, int f, int[] y, int k, double[] classWeights, int maxDepth, int minLeaf,
        int maxFeatures, bool bootstrap, Random rng)
    {
        var n = y.Length;
        var counts = new int[n];
        if (bootstrap)
        {
            for (var t = 0; t < n; t++) counts[rng.Next(n)]++;
        }
        else
        {
            Array.Fill(counts, 1);
        }
        var samples = new List<int>(n);
        var weight = new double[n];
        for (var i = 0; i < n; i++)
        {
            weight[i] = counts[i] * classWeights[y[i]];
            if (weight[i] > 0) samples.Add(i);
        }
        var idx = samples.ToArray();
        var m = idx.Length;
        var values = new float[Math.Max(m, 1)];
        var sortedIdx = new int[Math.Max(m, 1)];
        var features = new int[f];
        for (var j = 0; j < f; j++) features[j] = j;
        var total = new double[k];
        var left = new double[k];

        var nodeFeature = new List<int>();
        var nodeThreshold = new List<float>();
        var nodeLeft = new List<int>();
        var nodeRight = new List<int>();
        var leafValues = new List<float>();
        var stack = new Stack<(int Start, int End, int Depth, int Node)>();
        nodeFeature.Add(-1); nodeThreshold.Add(0); nodeLeft.Add(0); nodeRight.Add(-1);
        stack.Push((0, m, 0, 0));
        while (stack.Count > 0)
        {
            var (start, end, depth, node) = stack.Pop();
            var count = end - start;
            Array.Clear(total);
            double wTotal = 0;
            for (var t = start; t < end; t++)
            {
                total[y[idx[t]]] += weight[idx[t]];
                wTotal += weight[idx[t]];
            }
            var pure = 0;
            for (var c = 0; c < k; c++)
                if (total[c] > 0) pure++;
            int bestFeature = -1, bestPos = -1;
            var bestThreshold = 0f;
            var bestProxy = double.NegativeInfinity;
            if (depth < maxDepth && count >= 2 && count >= 2 * minLeaf && pure > 1)
            {
                var visited = 0;
                for (var fi = 0; fi < f && visited < maxFeatures; fi++)
                {
                    var pick = rng.Next(fi, f);
                    (features[fi], features[pick]) = (features[pick], features[fi]);
                    var feature = features[fi];
                    for (var t = 0; t < count; t++)
                    {
                        sortedIdx[t] = idx[start + t];
                        values[t] = x[sortedIdx[t] * f + feature];
                    }
                    Array.Sort(values, sortedIdx, 0, count);
                    if (values[count - 1] <= values[0]) continue; // constant here: does not count
                    visited++;
                    Array.Clear(left);
                    double wLeft = 0;
                    for (var p = 0; p < count - 1; p++)
                    {
                        var i = sortedIdx[p];
                        left[y[i]] += weight[i];
                        wLeft += weight[i];
                        if (values[p + 1] <= values[p]) continue;
                        var nLeft = p + 1;
                        if (nLeft < minLeaf || count - nLeft < minLeaf) continue;
                        var wRight = wTotal - wLeft;
                        if (wLeft <= 0 || wRight <= 0) continue;
                        double sl = 0, sr = 0;
                        for (var c = 0; c < k; c++)
                        {
                            sl += left[c] * left[c];
                            var r = total[c] - left[c];
                            sr += r * r;
                        }
                        var proxy = sl / wLeft + sr / wRight;
                        if (proxy > bestProxy)
                        {
                            bestProxy = proxy;
                            bestFeature = feature;
                            bestPos = nLeft;
                            var mid = (float)(((double)values[p] + values[p + 1]) / 2);
                            bestThreshold = mid >= values[p + 1] ? values[p] : mid;
                        }
                    }
                }
            }
            if (bestFeature < 0)
            {
                nodeFeature[node] = -1;
                nodeLeft[node] = leafValues.Count;
                nodeRight[node] = -1;
                for (var c = 0; c < k; c++) leafValues.Add((float)(total[c] / wTotal));
                continue;
            }
            // Partition [start, end) so that rows with x ≤ threshold come first.
            int lo = start, hi = end - 1;
            while (lo <= hi)
            {
                if (x[idx[lo] * f + bestFeature] <= bestThreshold) lo++;
                else
                {
                    (idx[lo], idx[hi]) = (idx[hi], idx[lo]);
                    hi--;
                }
            }
            var leftNode = nodeFeature.Count;
            nodeFeature.Add(-1); nodeThreshold.Add(0); nodeLeft.Add(0); nodeRight.Add(-1);
            nodeFeature.Add(-1); nodeThreshold.Add(0); nodeLeft.Add(0); nodeRight.Add(-1);
            nodeFeature[node] = bestFeature;
            nodeThreshold[node] = bestThreshold;
            nodeLeft[node] = leftNode;
            nodeRight[node] = leftNode + 1;
            stack.Push((lo, end, depth + 1, leftNode + 1));
            stack.Push((start, lo, depth + 1, leftNode));
        }
        return new CartTree(nodeFeature.ToArray(), nodeThreshold.ToArray(), nodeLeft.ToArray(), nodeRight.ToArray(), leafValues.ToArray());
    }
}
