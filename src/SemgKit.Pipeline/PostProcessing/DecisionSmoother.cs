namespace SemgKit.Pipeline.PostProcessing;

/// <summary>
/// The one post-processing implementation, fed one decision at a time, used by the offline evaluator and the
/// streaming classifier alike: confidence rejection, then majority vote over the last n accepted raw decisions.
/// Allocation-free after construction.
/// </summary>
public sealed class DecisionSmoother
{
    /// <summary>Output class of a rejected decision.</summary>
    public const int Rejected = -1;

    private readonly PostProcessingOptions _options;
    private readonly int[] _history;
    private readonly int[] _votes;
    private int _count;
    private int _next;

    public DecisionSmoother(PostProcessingOptions options, int classCount)
    {
        _options = options.Validated();
        _history = new int[options.MajorityVoteWindows];
        _votes = new int[classCount];
    }

    /// <summary>Feeds one raw decision; returns the output class or <see cref="Rejected"/>.</summary>
    /// <param name="rawClass">The classifier's argmax class.</param>
    /// <param name="confidence">Its probability (ignored when rejection is off).</param>
    public int Next(int rawClass, float confidence)
    {
        if (_options.RejectionThreshold > 0 && confidence < _options.RejectionThreshold)
            return Rejected;
        if (_history.Length == 1)
            return rawClass;
        _history[_next] = rawClass;
        _next = (_next + 1) % _history.Length;
        if (_count < _history.Length) _count++;
        Array.Clear(_votes);
        for (int i = 0; i < _count; i++) _votes[_history[i]]++;
        int best = rawClass, bestVotes = _votes[rawClass];
        // walk back from the most recent so ties go to the most recent of the tied classes
        for (int age = 0; age < _count; age++)
        {
            int k = _history[(_next - 1 - age + 2 * _history.Length) % _history.Length];
            if (_votes[k] > bestVotes)
            {
                best = k;
                bestVotes = _votes[k];
            }
        }
        return best;
    }

    /// <summary>Forgets the history (a new recording or stream).</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
    }
}
