namespace SemgKit.Pipeline.Evaluation;

/// <summary>Validation protocols. All split recordings, repetitions or subjects — never overlapping windows.</summary>
public enum SplitKind
{
    /// <summary>Within subject: each subject's last repetitions (by trial number, per session) are the test set.</summary>
    Repetition,

    /// <summary>Within subject: the first part of every recording trains, the rest tests (for datasets with one long recording per movement).</summary>
    Half,

    /// <summary>Leave one subject out: train on all other subjects, test on the one left out.</summary>
    Loso,
}
