using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>
/// A change made to one side of every fold after splitting: to the training recordings (e.g. making a population group
/// scarce, as in the imbalanced-population study) or to the test recordings (e.g. keeping only a burst's onset window);
/// its description goes into the report's notes.
/// </summary>
/// <param name="Description">One line for the notes, e.g. "training: the 'abnormal' group cut to 1/8 of the others' signal".</param>
/// <param name="Apply">
/// Maps a fold's recordings on that side to the ones used (deterministic); the second argument is the fold's training
/// recordings (after a training-side change), which a test-side change may read (e.g. as the reference of a recalibration)
/// but never alters.
/// </param>
public sealed record FoldRecordings(string Description, Func<IReadOnlyList<Recording>, IReadOnlyList<Recording>, IReadOnlyList<Recording>> Apply);
