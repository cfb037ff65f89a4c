namespace SemgKit.Pipeline.Reports;

/// <summary>Per-class figures.</summary>
/// <param name="Auc">One-vs-rest ROC AUC of the class (NaN when the test set has no positive or no negative).</param>
public sealed record ClassResult(string Class, double Precision, double Recall, double F1, int Support, double Auc = double.NaN);
