namespace SemgKit.Pipeline.Streaming;

/// <summary>Receives decisions from <see cref="StreamingClassifier.Push"/> as they are made (no allocation per decision).</summary>
public interface IDecisionHandler
{
    /// <param name="decision">The decision.</param>
    /// <param name="probabilities">Class probabilities of the raw decision; valid only during the call.</param>
    void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities);
}
