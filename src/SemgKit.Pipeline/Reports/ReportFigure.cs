namespace SemgKit.Pipeline.Reports;

/// <summary>An extra figure for a report: a section heading, an SVG drawn by <see cref="Plots"/> and a caption.</summary>
public sealed record ReportFigure(string Section, string Svg, string Caption);
