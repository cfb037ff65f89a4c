namespace SemgKit.Pipeline.Reports;

/// <summary>How data was split into training and test sets, and the resulting sizes.</summary>
/// <param name="Kind">"repetition", "half", "loso", ...</param>
/// <param name="Description">One sentence a reader understands.</param>
/// <param name="Folds">Number of folds (e.g. subjects for within-subject evaluation).</param>
public sealed record SplitDescription(
    string Kind,
    string Description,
    int Folds,
    int TrainWindows,
    int TestWindows);
