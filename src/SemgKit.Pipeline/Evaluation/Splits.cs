using System.Globalization;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>Builds <see cref="EvaluationFold"/>s for a <see cref="SplitKind"/>.</summary>
public static class Splits
{
    /// <summary>Parses "repetition", "half" (alias "time") or "loso" (case-insensitive).</summary>
    public static SplitKind Parse(string text) => text.ToLowerInvariant() switch
    {
        "repetition" or "rep" or "trial" => SplitKind.Repetition,
        "half" or "time" => SplitKind.Half,
        "loso" or "leave-one-subject-out" => SplitKind.Loso,
        _ => throw new SemgException($"unknown split '{text}' (use repetition, half or loso)"),
    };

    /// <summary>Repetition when every subject/session has two or more numbered repetitions, else half.</summary>
    public static SplitKind DefaultFor(Dataset dataset) =>
        dataset.Recordings.All(r => r.Metadata.Trial is not null)
        && dataset.Recordings.GroupBy(r => (r.Metadata.Subject, r.Metadata.Session)).All(g => g.Select(r => r.Metadata.Trial).Distinct().Count() > 1)
            ? SplitKind.Repetition
            : SplitKind.Half;

    /// <summary>One sentence describing the protocol, for reports.</summary>
    public static string Describe(SplitKind kind, double fraction) => kind switch
    {
        SplitKind.Repetition => string.Create(CultureInfo.InvariantCulture, $"within subject; per subject and session the last {fraction:P0} of repetitions test, the others train; one model per subject"),
        SplitKind.Half => string.Create(CultureInfo.InvariantCulture, $"within subject; the first {1 - fraction:P0} of every recording trains, the rest tests; one model per subject"),
        SplitKind.Loso => "leave one subject out; one model per left-out subject, trained on all the others",
        _ => kind.ToString(),
    };

    /// <param name="dataset">The data.</param>
    /// <param name="kind">The protocol.</param>
    /// <param name="testFraction">Share of repetitions (Repetition) or of each recording's duration (Half) held out.</param>
    public static IReadOnlyList<EvaluationFold> Create(Dataset dataset, SplitKind kind, double testFraction = 1.0 / 3.0)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new SemgException($"test fraction {testFraction} must be between 0 and 1");
        return kind switch
        {
            SplitKind.Repetition => ByRepetition(dataset, testFraction),
            SplitKind.Half => ByTime(dataset, testFraction),
            SplitKind.Loso => LeaveOneSubjectOut(dataset),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static IReadOnlyList<EvaluationFold> ByRepetition(Dataset dataset, double testFraction)
    {
        var folds = new List<EvaluationFold>();
        foreach (var subject in dataset.Subjects)
        {
            var train = new List<Recording>();
            var test = new List<Recording>();
            foreach (var session in dataset.Recordings.Where(r => r.Metadata.Subject == subject).GroupBy(r => r.Metadata.Session ?? ""))
            {
                var missing = session.FirstOrDefault(r => r.Metadata.Trial is null);
                if (missing is not null)
                    throw new SemgException($"{missing.Metadata.Source}: no trial/repetition number, so a split by repetition is impossible; use --split half or loso");
                var trials = session.Select(r => r.Metadata.Trial!.Value).Distinct().Order().ToArray();
                if (trials.Length < 2)
                    throw new SemgException($"subject '{subject}'{(session.Key == "" ? "" : $" session '{session.Key}'")} has only one repetition ({trials[0]}); a split by repetition needs two or more (use --split half)");
                int testCount = Math.Clamp((int)Math.Round(trials.Length * testFraction), 1, trials.Length - 1);
                var testTrials = trials[^testCount..].ToHashSet();
                foreach (var r in session)
                    (testTrials.Contains(r.Metadata.Trial!.Value) ? test : train).Add(r);
            }
            folds.Add(new EvaluationFold(subject, train, test));
        }
        return folds;
    }

    private static IReadOnlyList<EvaluationFold> ByTime(Dataset dataset, double testFraction)
    {
        var folds = new List<EvaluationFold>();
        foreach (var subject in dataset.Subjects)
        {
            var train = new List<Recording>();
            var test = new List<Recording>();
            foreach (var r in dataset.Recordings.Where(r => r.Metadata.Subject == subject))
            {
                int cut = (int)Math.Round(r.SampleCount * (1 - testFraction));
                if (cut < 1 || cut >= r.SampleCount) continue;
                train.Add(r.Slice(0, cut));
                test.Add(r.Slice(cut, r.SampleCount - cut));
            }
            folds.Add(new EvaluationFold(subject, train, test));
        }
        return folds;
    }

    private static IReadOnlyList<EvaluationFold> LeaveOneSubjectOut(Dataset dataset)
    {
        var subjects = dataset.Subjects;
        if (subjects.Count < 2)
            throw new SemgException($"leave-one-subject-out needs at least two subjects; {dataset.Name} has {subjects.Count}");
        return subjects.Select(s => new EvaluationFold(
            s,
            dataset.Recordings.Where(r => r.Metadata.Subject != s).ToArray(),
            dataset.Recordings.Where(r => r.Metadata.Subject == s).ToArray())).ToArray();
    }
}
