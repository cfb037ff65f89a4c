namespace SemgKit.Pipeline.Reports;

/// <summary>One fold's figures.</summary>
public sealed record FoldResult(string Name, double Accuracy, double MacroF1, int TestWindows);
