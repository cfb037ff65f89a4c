using SemgKit.Pipeline.Reports;

namespace SemgKit.Pipeline.Experiments;

/// <summary>One run of a recipe: its plan's name and description, the evaluation results and the papers' figures.</summary>
public sealed record ExperimentRunResult(string Name, string Description, EvaluationResults Results, IReadOnlyList<PaperFigure> Paper);
