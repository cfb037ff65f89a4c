namespace SemgKit.Pipeline.Reports;

/// <summary>Writes the three outputs of an evaluating command into one folder: results.json, report.html, report.md.</summary>
public static class ReportWriter
{
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteAll(EvaluationResults results, string folder, IReadOnlyList<ReportFigure>? extraFigures = null)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, "results.json"), html = Path.Combine(folder, "report.html"), md = Path.Combine(folder, "report.md");
        ResultsJson.Write(results, json);
        HtmlReport.Write(results, html, extraFigures);
        MarkdownReport.Write(results, md);
        return [json, html, md];
    }
}
