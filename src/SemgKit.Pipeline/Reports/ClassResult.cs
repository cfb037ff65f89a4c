namespace SemgKit.Pipeline.Reports;

/// <summary>Per-class figures.</summary>
public sealed record ClassResult(string Class, double Precision, double Recall, double F1, int Support);
