namespace SemgKit.Pipeline.Streaming;

/// <summary>One decision of a <see cref="StreamingClassifier"/>.</summary>
/// <param name="EndSample">Index (since the stream started or was reset) one past the window's last sample.</param>
/// <param name="RawClass">The classifier's argmax class.</param>
/// <param name="Class">The class after post-processing (rejection, majority vote); -1 when rejected.</param>
/// <param name="Confidence">Probability of <see cref="RawClass"/>.</param>
public readonly record struct StreamDecision(long EndSample, int RawClass, int Class, float Confidence)
{
    public bool Rejected => Class < 0;
}
