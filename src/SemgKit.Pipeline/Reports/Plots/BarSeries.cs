namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>One series of a <see cref="BarChart"/>: a value per category and an optional error (± half-length) per category.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);
