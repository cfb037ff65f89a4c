using System.Globalization;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>Builds <see cref="EvaluationFold"/>s for a <see cref="SplitKind"/>.</summary>
public static class Splits
{
    /// <summary>Repetition when every subject/session has two or more numbered repetitions, else half.</summary>
    public static SplitSpec DefaultFor(Dataset dataset) =>
        dataset.Recordings.All(r => r.Metadata.Trial is not null)
        && dataset.Recordings.GroupBy(r => (r.Metadata.Subject, r.Metadata.Session)).All(g => g.Select(r => r.Metadata.Trial).Distinct().Count() > 1)
            ? SplitSpec.Repetition
            : SplitSpec.Half;

    /// <summary>The folds of <paramref name="spec"/> on <paramref name="dataset"/>; <paramref name="seed"/> drives k-fold assignment.</summary>
    public static IReadOnlyList<EvaluationFold> Create(Dataset dataset, SplitSpec spec, int seed = 1)
    {
        if (!(spec.TestFraction > 0 && spec.TestFraction < 1))
            throw new SemgException($"test fraction {spec.TestFraction} must be between 0 and 1");
        return spec.Kind switch
        {
            SplitKind.Repetition => ByRepetition(dataset, spec.TestFraction),
            SplitKind.Half => ByTime(dataset, spec.TestFraction),
            SplitKind.PooledHalf => [ByTime(dataset, spec.TestFraction).Aggregate((a, b) => new EvaluationFold("all", [.. a.Train, .. b.Train], [.. a.Test, .. b.Test]))],
            SplitKind.Loso => LeaveOneSubjectOut(dataset),
            SplitKind.KFold => KFold(dataset, spec.Folds, seed),
            SplitKind.Sessions => BySessions(dataset, spec.TrainSessions!, spec.TestSessions!),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
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

    private static IReadOnlyList<EvaluationFold> KFold(Dataset dataset, int k, int seed)
    {
        var groups = dataset.Recordings.GroupBy(r => (r.Metadata.Subject, r.Metadata.Session, r.Metadata.Trial)).ToArray();
        if (groups.Length < k)
            throw new SemgException($"{k}-fold needs at least {k} repetitions; {dataset.Name} has {groups.Length}");
        var order = Enumerable.Range(0, groups.Length).ToArray();
        new Random(seed).Shuffle(order);
        var foldOf = new int[groups.Length];
        for (int i = 0; i < order.Length; i++) foldOf[order[i]] = i % k;
        return Enumerable.Range(0, k).Select(f => new EvaluationFold(
            $"fold {f + 1}",
            groups.Where((_, g) => foldOf[g] != f).SelectMany(g => g).ToArray(),
            groups.Where((_, g) => foldOf[g] == f).SelectMany(g => g).ToArray())).ToArray();
    }

    private static IReadOnlyList<EvaluationFold> BySessions(Dataset dataset, IReadOnlyList<string> trainSessions, IReadOnlyList<string> testSessions)
    {
        bool In(IReadOnlyList<string> names, Recording r) => names.Any(n => string.Equals(n, r.Metadata.Session, StringComparison.OrdinalIgnoreCase));
        var known = dataset.Recordings.Select(r => r.Metadata.Session).Where(s => s is not null).Distinct().ToArray();
        foreach (var name in trainSessions.Concat(testSessions))
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new SemgException($"session '{name}' does not occur in {dataset.Name} (sessions: {string.Join(", ", known)})");
        }
        var folds = new List<EvaluationFold>();
        foreach (var subject in dataset.Subjects)
        {
            var mine = dataset.Recordings.Where(r => r.Metadata.Subject == subject).ToArray();
            var train = mine.Where(r => In(trainSessions, r)).ToArray();
            var test = mine.Where(r => In(testSessions, r)).ToArray();
            if (train.Length > 0 && test.Length > 0)
                folds.Add(new EvaluationFold(subject, train, test));
        }
        return folds;
    }
}
