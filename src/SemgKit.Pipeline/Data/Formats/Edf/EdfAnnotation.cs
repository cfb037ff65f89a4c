namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>One EDF+ annotation (from a time-stamped annotation list, TAL).</summary>
/// <param name="OnsetSeconds">Seconds after the file's start time.</param>
/// <param name="DurationSeconds">Duration in seconds; null when the TAL gives none.</param>
/// <param name="Text">The annotation text.</param>
public sealed record EdfAnnotation(double OnsetSeconds, double? DurationSeconds, string Text);
