namespace SemgKit.Pipeline.Experiments;

/// <summary>A named, seeded, repeatable study: plans its runs from the context (data, quick mode, seed).</summary>
/// <param name="Name">The name on the command line (e.g. "lower-limb").</param>
/// <param name="Description">One line: which paper and what it compares.</param>
public sealed record ExperimentRecipe(string Name, string Description, Func<ExperimentContext, IReadOnlyList<ExperimentPlan>> Plan);
