using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// Members with the same classes and features, combined by soft voting (mean probability) or by using one chosen member.
/// Allocation-free per prediction; not thread-safe.
/// </summary>
public sealed class EnsembleClassifier : IClassifier
{
    private readonly IClassifier[] _members;
    private readonly float[] _scratch;

    /// <param name="members">At least one member; all with equal class and feature counts.</param>
    /// <param name="chosen">Index of the member that decides alone, or -1 for soft voting over all.</param>
    public EnsembleClassifier(IReadOnlyList<IClassifier> members, int chosen)
    {
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        if (members.Any(m => m.ClassCount != members[0].ClassCount || m.FeatureCount != members[0].FeatureCount))
            throw new ArgumentException("Ensemble members must agree on class and feature counts.", nameof(members));
        if (chosen < -1 || chosen >= members.Count) throw new ArgumentOutOfRangeException(nameof(chosen));
        _members = members.ToArray();
        Chosen = chosen;
        _scratch = new float[members[0].ClassCount];
    }

    public IReadOnlyList<IClassifier> Members => _members;

    /// <summary>The deciding member, or -1 for soft voting.</summary>
    public int Chosen { get; }

    public int FeatureCount => _members[0].FeatureCount;

    public int ClassCount => _members[0].ClassCount;

    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (Chosen >= 0)
            return _members[Chosen].Predict(features, probabilities);
        Span<float> sum = probabilities.IsEmpty ? stackalloc float[ClassCount] : probabilities;
        sum.Clear();
        foreach (var m in _members)
        {
            m.Predict(features, _scratch);
            for (int k = 0; k < sum.Length; k++) sum[k] += _scratch[k];
        }
        int best = 0;
        for (int k = 0; k < sum.Length; k++)
        {
            sum[k] /= _members.Length;
            if (sum[k] > sum[best]) best = k;
        }
        return best;
    }
}
