using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// A change made to every fold's training recordings only (the test recordings stay whole), e.g. making a population group
/// scarce in training as in the imbalanced-population study; its description goes into the report's notes.
/// </summary>
/// <param name="Description">One line for the notes, e.g. "training: the 'abnormal' group cut to 1/8 of the others' signal".</param>
/// <param name="Apply">Maps a fold's training recordings to the ones trained on (deterministic).</param>
public sealed record TrainingSubset(string Description, Func<IReadOnlyList<Recording>, IReadOnlyList<Recording>> Apply);
