namespace SemgKit.Learning;

/// <summary>Shared arg-max and softmax of double scores into float probabilities.</summary>
internal static class Softmax
{
    /// <summary>Returns the first arg-max of <paramref name="scores"/> and, unless <paramref name="probabilities"/> is
    /// empty, writes exp(s − max) / Σ exp(s − max) into it.</summary>
    public static int ArgMaxAndProbabilities(ReadOnlySpan<double> scores, Span<float> probabilities)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
            if (scores[c] > scores[best]) best = c;
        if (probabilities.IsEmpty) return best;
        var max = scores[best];
        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            probabilities.Fill(1f / scores.Length);
            return best;
        }
        double sum = 0;
        for (var c = 0; c < scores.Length; c++) sum += Math.Exp(scores[c] - max);
        for (var c = 0; c < scores.Length; c++) probabilities[c] = (float)(Math.Exp(scores[c] - max) / sum);
        return best;
    }
}
