namespace SemgKit.Pipeline.Evaluation;

/// <summary>Validation protocols. All split recordings, repetitions, sessions or subjects — never overlapping windows.</summary>
public enum SplitKind
{
    /// <summary>Within subject: each subject's last repetitions (by trial number, per session) are the test set.</summary>
    Repetition,

    /// <summary>Within subject: the first part of every recording trains, the rest tests (for datasets with one long recording per movement).</summary>
    Half,

    /// <summary>Across subjects, one model: the first part of every recording of every subject trains, the rest tests (a population model, e.g. for group imbalance).</summary>
    PooledHalf,

    /// <summary>Leave one subject out: train on all other subjects, test on the one left out.</summary>
    Loso,

    /// <summary>k folds over repetitions (subject, session, trial groups), seeded, across subjects.</summary>
    KFold,

    /// <summary>Within subject: named training sessions → named test sessions (e.g. Côté-Allard training0 → Test0, Test1).</summary>
    Sessions,
}
