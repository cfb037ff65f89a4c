namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>One curve of a <see cref="LinePlot"/>.</summary>
/// <param name="Dashed">Draw dashed (e.g. validation curves, chance diagonal).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false);
