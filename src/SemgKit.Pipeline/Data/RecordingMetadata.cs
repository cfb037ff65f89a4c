namespace SemgKit.Pipeline.Data;

/// <summary>
/// Who, when and what a recording is. Splits use these fields (by subject, session, trial/repetition),
/// never window positions.
/// </summary>
/// <param name="Source">The file (and sheet/variable, if any) the samples came from, for messages and reports.</param>
/// <param name="Subject">Subject identifier as the dataset names it (e.g. "s01", "N3", "Male4").</param>
/// <param name="Session">Session identifier (e.g. "1", "training0", "Test1"); null if the dataset has one session.</param>
/// <param name="Trial">Trial or repetition number as the dataset counts it; null if unknown.</param>
/// <param name="Group">Population group (e.g. "healthy", "abnormal", "evaluation"); null if none.</param>
public sealed record RecordingMetadata(
    string Source,
    string Subject,
    string? Session = null,
    int? Trial = null,
    string? Group = null)
{
    /// <summary>Further dataset-specific key/value facts (e.g. "task": "mar", "shift": "trial_2").</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = EmptyExtra;

    private static readonly IReadOnlyDictionary<string, string> EmptyExtra = new Dictionary<string, string>();
}
