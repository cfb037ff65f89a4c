using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>One train/test partition of recordings (never of windows).</summary>
public sealed record EvaluationFold(string Name, IReadOnlyList<Recording> Train, IReadOnlyList<Recording> Test);
