namespace SemgKit.Pipeline.Reports;

/// <summary>A one-vs-rest ROC curve of one class.</summary>
public sealed record RocResult(string Class, double Auc, IReadOnlyList<double> FalsePositiveRates, IReadOnlyList<double> TruePositiveRates);
