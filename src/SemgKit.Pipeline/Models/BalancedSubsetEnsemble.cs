using System.Globalization;
using SemgKit.Learning;
using SemgKit.Learning.Metrics;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// The balanced-subset ensemble of the upper-limb lightweight-CNN paper for imbalanced populations (few patients,
/// many healthy subjects): the majority group's training rows are split into k class-stratified subsets; k models are
/// trained, each on one subset plus all minority-group rows; they then decide by soft voting, or the best one on an
/// inner validation split (held-out recordings, never windows) decides alone.
/// </summary>
/// <remarks>
/// Groups come from <see cref="Data.RecordingMetadata.Group"/>. With a single group there is no minority: the k models
/// are trained on k disjoint stratified subsets of all rows (a partition ensemble), which the report states.
/// </remarks>
public static class BalancedSubsetEnsemble
{
    /// <param name="baseSpec">The learner each member uses.</param>
    /// <param name="subsets">k, the number of majority subsets and members.</param>
    /// <param name="combination">Soft vote, or best on validation.</param>
    /// <param name="validationFraction">Share of training recordings held out to choose the best member.</param>
    public static ClassifierSpec Create(ClassifierSpec baseSpec, int subsets = 8, EnsembleCombination combination = EnsembleCombination.SoftVote, double validationFraction = 0.2)
    {
        if (subsets < 2) throw new SemgException($"a balanced-subset ensemble needs k ≥ 2 subsets (got {subsets})");
        string name = $"{baseSpec.Name}+ensemble:{subsets.ToString(CultureInfo.InvariantCulture)}:{(combination == EnsembleCombination.SoftVote ? "vote" : "best")}";
        return baseSpec with { Name = name, Fit = (training, ct) => Fit(baseSpec, training, subsets, combination, validationFraction, ct) };
    }

    /// <summary>Parses the suffix after '+': <c>ensemble[:K][:vote|:best]</c>.</summary>
    internal static ClassifierSpec Parse(ClassifierSpec baseSpec, string suffix)
    {
        var parts = suffix.Split(':');
        if (!parts[0].Equals("ensemble", StringComparison.OrdinalIgnoreCase))
            throw new SemgException($"unknown model modifier '+{suffix}' (use +ensemble[:K][:vote|:best])");
        int k = 8;
        var combination = EnsembleCombination.SoftVote;
        foreach (var p in parts.Skip(1))
        {
            if (int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) k = v;
            else if (p.Equals("vote", StringComparison.OrdinalIgnoreCase)) combination = EnsembleCombination.SoftVote;
            else if (p.Equals("best", StringComparison.OrdinalIgnoreCase)) combination = EnsembleCombination.BestOnValidation;
            else throw new SemgException($"'+{suffix}': '{p}' is neither a subset count nor vote/best");
        }
        return Create(baseSpec, k, combination);
    }

    private static EnsembleClassifier Fit(ClassifierSpec baseSpec, TrainingSet training, int k, EnsembleCombination combination, double validationFraction, CancellationToken ct)
    {
        var rng = new Random(training.Seed);
        int n = training.Labels.Length;
        var validationRows = new HashSet<int>();
        if (combination == EnsembleCombination.BestOnValidation)
        {
            var recordings = training.Recordings.Distinct().ToArray();
            rng.Shuffle(recordings);
            var held = recordings.Take(Math.Max(1, (int)Math.Round(recordings.Length * validationFraction))).ToHashSet();
            if (recordings.Length > 1)
                validationRows = Enumerable.Range(0, n).Where(i => held.Contains(training.Recordings[i])).ToHashSet();
        }
        var fitRows = Enumerable.Range(0, n).Where(i => !validationRows.Contains(i)).ToArray();
        string? majority = fitRows.GroupBy(i => training.Groups[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        bool oneGroup = fitRows.All(i => training.Groups[i] == majority);
        var minorityRows = oneGroup ? [] : fitRows.Where(i => training.Groups[i] != majority).ToArray();

        // deal the majority rows of each class round-robin (after a seeded shuffle) into k subsets
        var subsets = Enumerable.Range(0, k).Select(_ => new List<int>(minorityRows)).ToArray();
        foreach (var byClass in fitRows.Where(i => training.Groups[i] == majority).GroupBy(i => training.Labels[i]).OrderBy(g => g.Key))
        {
            var rows = byClass.ToArray();
            rng.Shuffle(rows);
            for (int j = 0; j < rows.Length; j++) subsets[j % k].Add(rows[j]);
        }
        var members = subsets.Select((rows, m) =>
        {
            ct.ThrowIfCancellationRequested();
            var subset = training.Subset(rows) with { Seed = training.Seed + 7919 * (m + 1) };
            return (IClassifier)StandardizedClassifier.Fit(baseSpec, subset, ct);
        }).ToArray();

        int chosen = -1;
        if (combination == EnsembleCombination.BestOnValidation)
        {
            var rows = validationRows.Count > 0 ? validationRows.Order().ToArray() : fitRows;
            var truth = rows.Select(i => training.Labels[i]).ToArray();
            double best = double.NegativeInfinity;
            for (int m = 0; m < members.Length; m++)
            {
                var predicted = rows.Select(i => members[m].Predict(training.X.Row(i), Span<float>.Empty)).ToArray();
                double score = ClassificationMetrics.Compute(truth, predicted, training.ClassCount).BalancedAccuracy;
                if (score > best)
                {
                    best = score;
                    chosen = m;
                }
            }
        }
        return new EnsembleClassifier(members, chosen);
    }
}
