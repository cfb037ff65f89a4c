using System.Globalization;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// A validation protocol with its parameters, parsed from the command line:
/// <c>repetition[:FRACTION]</c>, <c>half[:FRACTION]</c>, <c>pooled-half[:FRACTION]</c>, <c>loso</c>, <c>kfold[:K]</c>,
/// <c>sessions:TRAIN[,TRAIN]-&gt;TEST[,TEST]</c> (e.g. <c>sessions:training0->Test0,Test1</c>).
/// </summary>
/// <param name="TestFraction">Share of repetitions (repetition) or of each recording (half) held out.</param>
/// <param name="Folds">k for k-fold.</param>
public sealed record SplitSpec(
    SplitKind Kind,
    double TestFraction = 1.0 / 3.0,
    int Folds = 5,
    IReadOnlyList<string>? TrainSessions = null,
    IReadOnlyList<string>? TestSessions = null)
{
    public static SplitSpec Repetition { get; } = new(SplitKind.Repetition);

    public static SplitSpec Half { get; } = new(SplitKind.Half, 0.5);

    public static SplitSpec Loso { get; } = new(SplitKind.Loso);

    public static SplitSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Trim().Split(':', 2);
        string name = parts[0].ToLowerInvariant();
        string? argument = parts.Length == 2 ? parts[1] : null;
        switch (name)
        {
            case "repetition" or "rep" or "trial":
                return Repetition with { TestFraction = Fraction(argument, 1.0 / 3.0, text) };
            case "half" or "time":
                return Half with { TestFraction = Fraction(argument, 0.5, text) };
            case "pooled-half":
                return new SplitSpec(SplitKind.PooledHalf, Fraction(argument, 0.5, text));
            case "loso" or "leave-one-subject-out":
                return Loso;
            case "kfold":
                int k = argument is null ? 5 : int.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
                if (k < 2) throw new SemgException($"split '{text}': k must be an integer ≥ 2");
                return new SplitSpec(SplitKind.KFold, Folds: k);
            case "sessions":
                var sides = argument?.Split("->", 2);
                if (sides is not [var train, var test])
                    throw new SemgException($"split '{text}': write sessions:TRAIN->TEST, e.g. sessions:training0->Test0,Test1");
                static string[] List(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (List(train).Length == 0 || List(test).Length == 0)
                    throw new SemgException($"split '{text}': name at least one training and one test session");
                return new SplitSpec(SplitKind.Sessions, TrainSessions: List(train), TestSessions: List(test));
            default:
                throw new SemgException($"unknown split '{text}' (use repetition[:F], half[:F], pooled-half[:F], loso, kfold[:K] or sessions:TRAIN->TEST)");
        }
    }

    /// <summary>One sentence describing the protocol, for reports.</summary>
    public string Describe() => Kind switch
    {
        SplitKind.Repetition => string.Create(CultureInfo.InvariantCulture, $"within subject; per subject and session the last {TestFraction:P0} of repetitions test, the others train; one model per subject"),
        SplitKind.Half => string.Create(CultureInfo.InvariantCulture, $"within subject; the first {1 - TestFraction:P0} of every recording trains, the rest tests; one model per subject"),
        SplitKind.PooledHalf => string.Create(CultureInfo.InvariantCulture, $"across subjects; the first {1 - TestFraction:P0} of every recording of every subject trains one model, the rest tests"),
        SplitKind.Loso => "leave one subject out; one model per left-out subject, trained on all the others",
        SplitKind.KFold => $"{Folds}-fold cross-validation over repetitions (subject, session, trial groups), seeded",
        SplitKind.Sessions => $"within subject; sessions {string.Join(", ", TrainSessions!)} train, sessions {string.Join(", ", TestSessions!)} test; one model per subject",
        _ => Kind.ToString(),
    };

    /// <summary>Short name for results.json (<c>split.kind</c>), as written on the command line (e.g. "pooled-half").</summary>
    public string Name => Kind == SplitKind.PooledHalf ? "pooled-half" : Kind.ToString().ToLowerInvariant();

    private static double Fraction(string? argument, double fallback, string text)
    {
        if (argument is null) return fallback;
        if (double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0 && f < 1) return f;
        throw new SemgException($"split '{text}': the test fraction must be a number between 0 and 1");
    }
}
