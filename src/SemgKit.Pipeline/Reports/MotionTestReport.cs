using System.Text;
using System.Text.Json;

using static SemgKit.Pipeline.Reports.ReportFormat;

namespace SemgKit.Pipeline.Reports;

/// <summary>Writes a motion test's results.json and report.md (a Markdown table per class).</summary>
public static class MotionTestReport
{
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteAll(MotionTestResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, "results.json"), md = Path.Combine(folder, "report.md");
        File.WriteAllText(json, JsonSerializer.Serialize(results, ResultsJson.Options) + "\n");
        File.WriteAllText(md, Render(results), new UTF8Encoding(false));
        return [json, md];
    }

    public static string Render(MotionTestResults r)
    {
        var sb = new StringBuilder();
        sb.Append($"# SemgKit motion test: {r.Dataset}\n\n");
        sb.Append($"- Model: {r.Model}; a decision every {F(r.StepMs, "0.#")} ms\n");
        sb.Append($"- A motion is completed by {r.CorrectDecisions} correct decisions within {F(r.TimeoutSeconds, "0.#")} s of its onset (BioPatRec motion test); times run from the onset to the arrival of the deciding window's last sample\n");
        sb.Append($"- Mean compute time per decision: {F(r.MeanDecisionMicroseconds, "0.0")} µs\n");
        foreach (var note in r.Notes) sb.Append($"- Note: {note}\n");
        sb.Append("\n| Class | Trials | Completion rate | Selection time (s) | Completion time (s) | Real-time accuracy |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var c in r.Classes.Append(r.Overall))
            sb.Append($"| {c.Class} | {c.Trials} | {Pct(c.CompletionRate)} | {F(c.SelectionSeconds, "0.000")} | {F(c.CompletionSeconds, "0.000")} | {Pct(c.RealTimeAccuracy)} |\n");
        return sb.ToString();
    }
}
