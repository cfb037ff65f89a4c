namespace SemgKit.Learning.Metrics;

/// <summary>
/// Myoelectric-control metrics over a sequence of window decisions in time order (definitions as LibEMG's
/// offline metrics, after Scheme &amp; Englehart 2011): rejected decisions are marked −1.
/// </summary>
/// <param name="ActiveError">Error rate over decisions that are neither rejected nor the rest ("no motion") class:
/// <c>1 − accuracy</c> after removing rest predictions (LibEMG <c>AER</c>).</param>
/// <param name="Instability">(changes of prediction − changes of truth) ÷ decisions (LibEMG <c>INS</c>); rejected decisions count as a prediction value.</param>
/// <param name="RejectionRate">Share of decisions rejected (LibEMG <c>REJ_RATE</c>).</param>
public sealed record MyoelectricMetrics(double ActiveError, double Instability, double RejectionRate)
{
    /// <summary>Computes the three metrics; <paramref name="restClass"/> is the no-motion class (or −1 if none).</summary>
    public static MyoelectricMetrics Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int restClass)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"{truth.Length} true labels for {predicted.Length} predictions.");
        if (truth.IsEmpty)
            return new MyoelectricMetrics(double.NaN, double.NaN, double.NaN);
        int active = 0, activeWrong = 0, rejected = 0, truthChanges = 0, predictionChanges = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (i > 0)
            {
                if (truth[i] != truth[i - 1]) truthChanges++;
                if (predicted[i] != predicted[i - 1]) predictionChanges++;
            }
            if (predicted[i] < 0)
            {
                rejected++;
                continue;
            }
            if (predicted[i] == restClass) continue;
            active++;
            if (predicted[i] != truth[i]) activeWrong++;
        }
        return new MyoelectricMetrics(
            active == 0 ? 0 : activeWrong / (double)active,
            (predictionChanges - truthChanges) / (double)truth.Length,
            rejected / (double)truth.Length);
    }
}
