using System.Diagnostics;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Pipeline.Experiments;

/// <summary>
/// Runs a recipe: each plan through <see cref="FeatureEvaluation"/> (the same path as <c>semg crossval</c>), its full report
/// in <c>OUT/runs/NAME/</c>, then the recipe's summary (<c>results.json</c>, <c>report.md</c>, <c>report.html</c>) in <c>OUT</c>.
/// </summary>
public static class ExperimentRunner
{
    public static ExperimentResults Run(
        ExperimentRecipe recipe,
        ExperimentContext context,
        string outFolder,
        IReadOnlyCollection<string>? only = null,
        IProgress<(int Done, int Total, string Stage)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var plans = Select(recipe.Plan(context), only);
        var runs = new List<ExperimentRunResult>(plans.Count);
        for (int i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            string prefix = $"run {i + 1}/{plans.Count} {plan.Name}";
            progress?.Report((0, 1, $"{prefix}: reading data"));
            var runClock = Stopwatch.StartNew();
            var dataset = plan.Data(cancellationToken);
            var request = new FeatureEvaluationRequest(dataset, plan.Encoder, plan.Split, plan.Models, $"experiment {recipe.Name} / {plan.Name}", context.Seed, plan.Training, plan.Test);
            var inner = progress is null ? null : new Prefixed(progress, prefix);
            var results = FeatureEvaluation.Run(request, inner, cancellationToken) with { WallSeconds = runClock.Elapsed.TotalSeconds };
            ReportWriter.WriteAll(results, Path.Combine(outFolder, "runs", plan.Name), DataFigures.For(dataset, plan.Encoder));
            runs.Add(new ExperimentRunResult(plan.Name, plan.Description, results, plan.Paper));
        }
        var all = new ExperimentResults
        {
            Recipe = recipe.Name,
            Description = recipe.Description,
            Seed = context.Seed,
            Quick = context.Quick,
            Runs = runs,
            Notes = context.Notes,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
        ExperimentReport.WriteAll(all, outFolder);
        return all;
    }

    /// <summary>
    /// The plans named in <paramref name="only"/> (exact names, or prefixes ending in '*'); all when null or empty; throws
    /// naming the recipe's runs when a name matches none.
    /// </summary>
    public static IReadOnlyList<ExperimentPlan> Select(IReadOnlyList<ExperimentPlan> plans, IReadOnlyCollection<string>? only)
    {
        if (only is null || only.Count == 0) return plans;
        static bool Matches(string pattern, string name) => pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        foreach (var pattern in only)
            if (!plans.Any(p => Matches(pattern, p.Name)))
                throw new SemgException($"--only {pattern}: no such run (runs: {string.Join(", ", plans.Select(p => p.Name))})");
        return plans.Where(p => only.Any(pattern => Matches(pattern, p.Name))).ToArray();
    }

    /// <summary>Forwards an evaluation's progress with the run's name in front (on the caller's thread).</summary>
    private sealed class Prefixed(IProgress<(int Done, int Total, string Stage)> inner, string prefix) : IProgress<(int Done, int Total, string Stage)>
    {
        public void Report((int Done, int Total, string Stage) value) => inner.Report((value.Done, value.Total, $"{prefix}: {value.Stage}"));
    }
}
