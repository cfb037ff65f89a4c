namespace SemgKit.Learning.Metrics;

/// <summary>
/// One class's one-vs-rest scores. Any 0/0 is 0 (sklearn's <c>zero_division=0</c>).
/// </summary>
/// <param name="ClassIndex">The class k.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN), the sensitivity.</param>
/// <param name="F1">2·P·R / (P + R).</param>
/// <param name="Specificity">TN / (TN + FP).</param>
/// <param name="Support">Number of samples whose true class is k.</param>
public sealed record ClassMetrics(int ClassIndex, double Precision, double Recall, double F1, double Specificity, int Support);
