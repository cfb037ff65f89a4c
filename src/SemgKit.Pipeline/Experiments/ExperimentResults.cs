namespace SemgKit.Pipeline.Experiments;

/// <summary>What <c>semg experiment</c> writes to results.json: every run of the recipe, with the papers' figures.</summary>
public sealed record ExperimentResults
{
    public string Tool { get; init; } = "semgkit";

    public string Version { get; init; } = typeof(ExperimentResults).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public required string Recipe { get; init; }

    public required string Description { get; init; }

    public required int Seed { get; init; }

    public required bool Quick { get; init; }

    public required IReadOnlyList<ExperimentRunResult> Runs { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public double WallSeconds { get; init; }
}
