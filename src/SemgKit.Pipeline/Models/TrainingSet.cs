using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// What a learner is fitted on: feature rows and labels, plus per-row provenance (population group and recording)
/// that group-aware learners (the balanced-subset ensemble) and inner validation splits need, and the seed.
/// </summary>
/// <param name="X">Rows × features (standardised by the caller where the model is wrapped in <see cref="StandardizedClassifier"/>).</param>
/// <param name="Labels">Class index per row, 0..ClassCount-1, every class present.</param>
/// <param name="Groups">Population group per row (e.g. "healthy", "patient"; null when unknown).</param>
/// <param name="Recordings">Index of the recording each row came from (rows of one recording are never split apart).</param>
public sealed record TrainingSet(FeatureMatrix X, int[] Labels, int ClassCount, string?[] Groups, int[] Recordings, int Seed)
{
    /// <summary>Per-class weights for learners that honour them (null = all 1); set by the <c>+balanced</c> model modifier.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Shape of one row for a network (e.g. [C, T]); null for plain feature rows.</summary>
    public IReadOnlyList<int>? InputShape { get; init; }

    /// <summary>Threads the learner may train with, overriding its own setting (0 = its own; see <see cref="ClassifierSpec.Threads"/>).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// The population model to start from (<see cref="ClassifierSpec.Population"/>; null = none): its standardisation is
    /// kept, and a network is fine-tuned from its weights. Fitted on training recordings only (never a fold's test ones).
    /// </summary>
    public StandardizedClassifier? Population { get; init; }

    /// <summary>The rows selected by <paramref name="rows"/> (copied).</summary>
    public TrainingSet Subset(IReadOnlyList<int> rows)
    {
        int f = X.FeatureCount;
        var data = new float[rows.Count * f];
        for (int i = 0; i < rows.Count; i++)
            X.Row(rows[i]).CopyTo(data.AsSpan(i * f, f));
        return this with
        {
            X = new FeatureMatrix(data, rows.Count, f),
            Labels = rows.Select(r => Labels[r]).ToArray(),
            Groups = rows.Select(r => Groups[r]).ToArray(),
            Recordings = rows.Select(r => Recordings[r]).ToArray(),
        };
    }
}
