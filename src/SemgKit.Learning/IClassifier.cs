namespace SemgKit.Learning;

/// <summary>
/// A fitted, immutable classifier of one feature row (F floats) into one of K classes.
/// Implementations are thread-safe for concurrent <see cref="Predict"/> calls and do not allocate.
/// </summary>
public interface IClassifier
{
    /// <summary>F: the length of a feature row.</summary>
    int FeatureCount { get; }

    /// <summary>K: the number of classes; predictions are in [0, K).</summary>
    int ClassCount { get; }

    /// <summary>
    /// Classifies one row. Returns the class index and, unless <paramref name="probabilities"/> is empty,
    /// writes the K class probabilities into it (its length must then be exactly <see cref="ClassCount"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    int Predict(ReadOnlySpan<float> features, Span<float> probabilities);
}
