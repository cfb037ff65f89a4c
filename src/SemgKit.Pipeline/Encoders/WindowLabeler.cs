namespace SemgKit.Pipeline.Encoders;

/// <summary>Applies a <see cref="WindowLabelRule"/> to the per-sample labels under one window.</summary>
public static class WindowLabeler
{
    /// <summary>
    /// The window's label, or <see cref="Data.Recording.NoLabel"/> when the window has no labelled sample,
    /// or (rule <see cref="WindowLabelRule.Pure"/>) when its majority label covers less than <paramref name="purity"/> of it.
    /// </summary>
    /// <param name="labels">Per-sample labels under the window.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="purity">Fraction in (0, 1] for <see cref="WindowLabelRule.Pure"/>.</param>
    /// <param name="counts">Scratch of at least <c>classCount</c> ints (cleared here); lets callers avoid allocation.</param>
    public static int Label(ReadOnlySpan<int> labels, WindowLabelRule rule, double purity, Span<int> counts)
    {
        if (labels.IsEmpty) return Data.Recording.NoLabel;
        if (rule == WindowLabelRule.Last) return labels[^1];
        counts.Clear();
        foreach (int l in labels)
        {
            if (l >= 0) counts[l]++;
        }
        int best = Data.Recording.NoLabel, bestCount = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            if (counts[k] > bestCount)
            {
                best = k;
                bestCount = counts[k];
            }
        }
        if (rule == WindowLabelRule.Pure && bestCount < purity * labels.Length)
            return Data.Recording.NoLabel;
        return best;
    }
}
