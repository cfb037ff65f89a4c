namespace SemgKit.Pipeline.Reports;

/// <summary>
/// The <c>results.json</c> document every evaluating command writes (schema in README "results.json").
/// Top level: tool/version, dataset, split, pipeline, and a list of models with their metrics.
/// </summary>
public sealed record EvaluationResults
{
    public string Tool { get; init; } = "semgkit";

    public string Version { get; init; } = typeof(EvaluationResults).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The command that produced the file (e.g. "demo").</summary>
    public required string Command { get; init; }

    public required DatasetDescription Dataset { get; init; }

    public required SplitDescription Split { get; init; }

    /// <summary>Preprocessing, windowing and features, in words and numbers.</summary>
    public required PipelineDescription Pipeline { get; init; }

    public required IReadOnlyList<ModelResult> Models { get; init; }

    /// <summary>What a reader should know: data quirks handled, folds skipped and why.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Seed used for everything random.</summary>
    public int Seed { get; init; }

    /// <summary>Wall time of the whole command, seconds.</summary>
    public double WallSeconds { get; init; }
}
