namespace SemgKit.Neural.Losses;

/// <summary>
/// Softmax cross-entropy from logits (N, K) and integer class labels, <c>torch.nn.CrossEntropyLoss(weight, label_smoothing)</c>
/// with mean reduction. With class weights w and smoothing ε the per-sample target is
/// t_k = (1−ε)·w_y·[k = y] + ε/K·w_k, the sample loss is −Σ_k t_k·log p_k, and the mean divides the sum by Σ_i w_{y_i}
/// (PyTorch's weighted mean; plain N without weights).
/// </summary>
public sealed class SoftmaxCrossEntropyLoss
{
    private readonly float[]? _classWeights;
    private Tensor? _gradInput;
    private float[] _probabilities = [];
    private int[] _labels = [];
    private double _normalizer;
    private int _n, _k;

    public SoftmaxCrossEntropyLoss(float[]? classWeights = null, float labelSmoothing = 0)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), "Label smoothing must be in [0, 1].");
        if (classWeights is not null && classWeights.Any(w => !(w >= 0))) throw new ArgumentException("Class weights must be non-negative.", nameof(classWeights));
        _classWeights = classWeights is null ? null : [.. classWeights];
        LabelSmoothing = labelSmoothing;
    }

    public float LabelSmoothing { get; }

    public IReadOnlyList<float>? ClassWeights => _classWeights;

    /// <summary>Mean loss of <paramref name="logits"/> (N, K) against <paramref name="labels"/> (N values in [0, K)); caches softmax for <see cref="Backward"/>.</summary>
    public float Forward(Tensor logits, ReadOnlySpan<int> labels)
    {
        if (logits.Rank != 2) throw new ArgumentException($"Cross-entropy expects logits (N, K), got {Tensor.ShapeString(logits.Shape)}.");
        int n = logits.Dim(0), k = logits.Dim(1);
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} rows of logits.");
        if (_classWeights is not null && _classWeights.Length != k) throw new ArgumentException($"{_classWeights.Length} class weights for {k} classes.");
        _n = n;
        _k = k;
        if (_probabilities.Length < n * k) _probabilities = new float[n * k];
        if (_labels.Length < n) _labels = new int[n];
        var z = logits.Span;
        double total = 0, normalizer = 0, eps = LabelSmoothing;
        for (int i = 0; i < n; i++)
        {
            int y = labels[i];
            if ((uint)y >= (uint)k) throw new ArgumentOutOfRangeException(nameof(labels), $"Label {y} of row {i} is outside [0, {k}).");
            _labels[i] = y;
            var row = z.Slice(i * k, k);
            float max = float.NegativeInfinity;
            foreach (var v in row) max = MathF.Max(max, v);
            double sumExp = 0;
            for (int j = 0; j < k; j++) sumExp += Math.Exp(row[j] - max);
            double logSum = Math.Log(sumExp) + max;
            double wy = _classWeights?[y] ?? 1;
            double smooth = 0;
            for (int j = 0; j < k; j++)
            {
                double logP = row[j] - logSum;
                _probabilities[i * k + j] = (float)Math.Exp(logP);
                if (eps > 0) smooth -= (_classWeights?[j] ?? 1) * logP;
            }
            total += (1 - eps) * wy * -(row[y] - logSum) + eps / k * smooth;
            normalizer += wy;
        }
        _normalizer = normalizer;
        return (float)(total / normalizer);
    }

    /// <summary>d(mean loss)/d(logits) (N, K): (c_i·p_ik − t_ik) / Σ w_{y_i}, with c_i = Σ_k t_ik.</summary>
    public Tensor Backward()
    {
        if (_n == 0) throw new InvalidOperationException("Backward called before Forward.");
        var dz = Tensor.Reuse(ref _gradInput, _n, _k);
        var d = dz.Span;
        double eps = LabelSmoothing, inv = 1 / _normalizer;
        double sumW = 0;
        for (int j = 0; j < _k; j++) sumW += _classWeights?[j] ?? 1;
        for (int i = 0; i < _n; i++)
        {
            int y = _labels[i];
            double wy = _classWeights?[y] ?? 1;
            double c = (1 - eps) * wy + eps / _k * sumW;
            for (int j = 0; j < _k; j++)
            {
                double t = eps / _k * (_classWeights?[j] ?? 1) + (j == y ? (1 - eps) * wy : 0);
                d[i * _k + j] = (float)((c * _probabilities[i * _k + j] - t) * inv);
            }
        }
        return dz;
    }
}
