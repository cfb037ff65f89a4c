using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// Standardisation fitted on training rows, then a classifier fitted on the standardised rows, with optional
/// class remapping when a training set lacks some classes. Not thread-safe (one scratch row); allocation-free per call.
/// </summary>
public sealed class StandardizedClassifier : IClassifier
{
    private readonly Standardizer _standardizer;
    private readonly IClassifier _inner;
    private readonly int[] _classMap;
    private readonly float[] _scratch;
    private readonly float[] _innerProbabilities;

    /// <param name="standardizer">Fitted on the training rows.</param>
    /// <param name="inner">Fitted on standardised training rows with labels 0..inner.ClassCount-1.</param>
    /// <param name="classMap">inner class index → outer class index.</param>
    /// <param name="classCount">Outer class count.</param>
    public StandardizedClassifier(Standardizer standardizer, IClassifier inner, int[] classMap, int classCount)
    {
        _standardizer = standardizer;
        _inner = inner;
        _classMap = classMap;
        ClassCount = classCount;
        _scratch = new float[inner.FeatureCount];
        _innerProbabilities = new float[inner.ClassCount];
    }

    public int FeatureCount => _inner.FeatureCount;

    public int ClassCount { get; }

    public IClassifier Inner => _inner;

    public Standardizer Standardizer => _standardizer;

    /// <summary>Inner class index → outer class index.</summary>
    public ReadOnlySpan<int> ClassMap => _classMap;

    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        _standardizer.Transform(features, _scratch);
        int k = _inner.Predict(_scratch, probabilities.IsEmpty ? Span<float>.Empty : _innerProbabilities);
        if (!probabilities.IsEmpty)
        {
            probabilities.Clear();
            for (int i = 0; i < _classMap.Length; i++)
                probabilities[_classMap[i]] = _innerProbabilities[i];
        }
        return _classMap[k];
    }

    /// <summary>
    /// Fits standardisation and <paramref name="spec"/> on <paramref name="training"/> (labels in 0..ClassCount-1);
    /// classes without rows are left out and never predicted. With a <see cref="TrainingSet.Population"/> model its
    /// standardisation is kept (the population's inner model was fitted on rows scaled by it) and the classes must be its classes.
    /// </summary>
    public static StandardizedClassifier Fit(ClassifierSpec spec, TrainingSet training, CancellationToken cancellationToken = default)
    {
        var x = training.X;
        int classCount = training.ClassCount;
        var standardizer = training.Population?.Standardizer ?? Standardizer.Fit(x);
        var scaled = new FeatureMatrix(x.Data.ToArray(), x.RowCount, x.FeatureCount);
        standardizer.TransformInPlace(scaled);
        var present = new bool[classCount];
        foreach (int label in training.Labels) present[label] = true;
        var classMap = Enumerable.Range(0, classCount).Where(k => present[k]).ToArray();
        var toInner = new int[classCount];
        if (training.Population is { } population && !population.ClassMap.SequenceEqual(classMap))
            throw new SemgException($"{spec.Name}: the training rows hold classes {string.Join(", ", classMap)} but the population model was trained on {string.Join(", ", population.ClassMap.ToArray())}; fine-tuning needs the same classes");
        for (int i = 0; i < classMap.Length; i++) toInner[classMap[i]] = i;
        var innerLabels = training.Labels.Select(l => toInner[l]).ToArray();
        var inner = spec.Fit(training with { X = scaled, Labels = innerLabels, ClassCount = classMap.Length }, cancellationToken);
        return new StandardizedClassifier(standardizer, inner, classMap, classCount);
    }
}
