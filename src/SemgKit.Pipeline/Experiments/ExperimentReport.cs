using System.Text;
using System.Text.Json;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Reports.Plots;
using static SemgKit.Pipeline.Reports.ReportFormat;

namespace SemgKit.Pipeline.Experiments;

/// <summary>
/// The recipe's summary: <c>results.json</c> (every run with its full results and the papers' figures), <c>report.md</c>
/// and a self-contained <c>report.html</c> (a table of every run and model, the papers' figures beside ours, and links to
/// each run's own report under <c>runs/</c>).
/// </summary>
public static class ExperimentReport
{
    /// <summary>Writes the three files into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(ExperimentResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, "results.json"), md = Path.Combine(folder, "report.md"), html = Path.Combine(folder, "report.html");
        File.WriteAllText(json, JsonSerializer.Serialize(results, ResultsJson.Options) + "\n", new UTF8Encoding(false));
        File.WriteAllText(md, RenderMarkdown(results), new UTF8Encoding(false));
        File.WriteAllText(html, RenderHtml(results), new UTF8Encoding(false));
        return [json, md, html];
    }

    /// <summary>Reads a summary written by <see cref="WriteAll"/>.</summary>
    public static ExperimentResults Read(string path) =>
        JsonSerializer.Deserialize<ExperimentResults>(File.ReadAllText(path), ResultsJson.Options)
        ?? throw new SemgException($"{path}: empty experiment results file");

    public static string RenderMarkdown(ExperimentResults results)
    {
        var sb = new StringBuilder();
        sb.Append($"# SemgKit experiment {results.Recipe}{(results.Quick ? " (quick)" : "")}\n\n{results.Description}\n\n");
        sb.Append($"- Seed {results.Seed}; {results.Runs.Count} runs; wall time {F(results.WallSeconds, "0.0")} s\n");
        foreach (var note in results.Notes) sb.Append($"- Note: {note}\n");
        sb.Append("\n## Runs\n\n| Run | Data | Split | Model | Accuracy (mean ± sd over folds) | Pooled acc. | Macro F1 | Macro AUC | Vote acc. (recordings) | Acc. (vote of last 5) | Train (s) |\n");
        sb.Append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var run in results.Runs)
            foreach (var m in run.Results.Models)
                sb.Append($"| [{run.Name}](runs/{run.Name}/report.md) | {run.Results.Dataset.Name} | {run.Results.Split.Kind} ({run.Results.Split.Folds} folds) | {m.Name} | {Pct(m.AccuracyMean)} ± {Pct(m.AccuracySd)} | {Pct(m.Accuracy)} | {F(m.MacroF1, "0.000")} | {F(m.MacroAuc, "0.000")} | {Pct(m.RecordingVoteAccuracy)} | {Pct(m.SmoothedAccuracy)} | {F(m.TrainSeconds, "0.0")} |\n");
        var figures = Comparisons(results).ToArray();
        if (figures.Length > 0)
        {
            sb.Append("\n## Beside the papers\n\n| Run | Figure | Source | Theirs | Ours | Model | Δ |\n|---|---|---|---:|---:|---|---:|\n");
            foreach (var (run, figure, ours) in figures)
                sb.Append($"| {run.Name} | {figure.What} | {figure.Source} | {Pct(figure.Accuracy)} | {Pct(ours.Value)}{(double.IsFinite(ours.Sd) ? $" ± {Pct(ours.Sd)}" : "")} | {ours.Model} | {Delta(ours.Value - figure.Accuracy)} |\n");
        }
        foreach (var run in results.Runs)
        {
            sb.Append($"\n## {run.Name}\n\n{run.Description}\n\n- Data: {run.Results.Dataset.Name}, {run.Results.Dataset.Subjects} subjects, {run.Results.Dataset.Recordings} recordings\n");
            sb.Append($"- Split: {run.Results.Split.Description} ({run.Results.Split.TrainWindows} training / {run.Results.Split.TestWindows} test windows)\n");
            sb.Append($"- Pipeline: {run.Results.Pipeline.Filter}; {F(run.Results.Pipeline.WindowMs, "0.#")} ms windows every {F(run.Results.Pipeline.StepMs, "0.#")} ms; {string.Join(", ", run.Results.Pipeline.Features)}\n");
            sb.Append($"- Wall time {F(run.Results.WallSeconds, "0.0")} s\n");
            foreach (var note in run.Results.Notes) sb.Append($"- Note: {note}\n");
            foreach (var m in run.Results.Models.Where(m => m.GroupAccuracy.Count > 0))
                sb.Append($"- {m.Name} by group: {string.Join(", ", m.GroupAccuracy.Select(g => $"{g.Key} {Pct(g.Value)}"))}\n");
            sb.Append($"- Fold accuracies: {string.Join("; ", run.Results.Models.Select(m => $"{m.Name} " + string.Join(" ", m.Folds.Select(f => F(f.Accuracy * 100, "0.0")))))}\n");
        }
        return sb.ToString();
    }

    public static string RenderHtml(ExperimentResults results)
    {
        var sb = new StringBuilder();
        string title = $"SemgKit experiment {results.Recipe}{(results.Quick ? " (quick)" : "")}";
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        sb.Append($"<title>{HtmlReport.E(title)}</title><style>{HtmlReport.Css}</style></head><body><main>");
        sb.Append($"<h1>{HtmlReport.E(title)}</h1><p>{HtmlReport.E(results.Description)}</p>");
        sb.Append($"<p class=\"meta\">SemgKit {HtmlReport.E(results.Version)} · seed {results.Seed} · {results.Runs.Count} runs · wall time {F(results.WallSeconds, "0.0")} s</p>");
        if (results.Notes.Count > 0)
        {
            sb.Append("<section><h2>Notes</h2><ul class=\"notes\">");
            foreach (var note in results.Notes) sb.Append($"<li>{HtmlReport.E(note)}</li>");
            sb.Append("</ul></section>");
        }

        var figures = Comparisons(results).ToArray();
        if (figures.Length > 0)
        {
            sb.Append("<section><h2>Beside the papers</h2><table><thead><tr><th>Run</th><th>Figure</th><th>Source</th><th>Theirs</th><th>Ours</th><th>Model</th><th>Δ</th></tr></thead><tbody>");
            foreach (var (run, figure, ours) in figures)
                sb.Append($"<tr><td>{HtmlReport.E(run.Name)}</td><td>{HtmlReport.E(figure.What)}</td><td>{HtmlReport.E(figure.Source)}</td><td>{Pct(figure.Accuracy)}</td><td>{Pct(ours.Value)}{(double.IsFinite(ours.Sd) ? $" ± {Pct(ours.Sd)}" : "")}</td><td>{HtmlReport.E(ours.Model)}</td><td>{Delta(ours.Value - figure.Accuracy)}</td></tr>");
            sb.Append("</tbody></table>");
            HtmlReport.Figure(sb, BarChart.Render("Theirs and ours", figures.Select(f => $"{f.Run.Name}: {f.Figure.What}").ToArray(),
                [new BarSeries("paper / target", figures.Select(f => f.Figure.Accuracy * 100).ToArray()),
                 new BarSeries("SemgKit", figures.Select(f => f.Ours.Value * 100).ToArray(), figures.Select(f => double.IsFinite(f.Ours.Sd) ? f.Ours.Sd * 100 : 0).ToArray())],
                "%", 0, 100), "Each paper's figure (or our target) beside ours on the same protocol; error bars one standard deviation over folds.");
            sb.Append("</section>");
        }

        foreach (var run in results.Runs)
        {
            var r = run.Results;
            sb.Append($"<section><h2>{HtmlReport.E(run.Name)}</h2><p>{HtmlReport.E(run.Description)} <a href=\"runs/{Uri.EscapeDataString(run.Name)}/report.html\">full report</a></p>");
            sb.Append($"<p class=\"dim\">{HtmlReport.E(r.Dataset.Name)}: {r.Dataset.Subjects} subjects, {r.Dataset.Recordings} recordings · {HtmlReport.E(r.Split.Description)} ({r.Split.Folds} folds; {r.Split.TrainWindows} training / {r.Split.TestWindows} test windows) · {HtmlReport.E(r.Pipeline.Filter)}; {F(r.Pipeline.WindowMs, "0.#")} ms windows every {F(r.Pipeline.StepMs, "0.#")} ms · {F(r.WallSeconds, "0.0")} s</p>");
            foreach (var note in r.Notes) sb.Append($"<p class=\"dim\">Note: {HtmlReport.E(note)}</p>");
            sb.Append("<table><thead><tr><th>Model</th><th>Accuracy (mean ± sd over folds)</th><th>Pooled</th><th>Macro F1</th><th>Macro AUC</th><th>Vote acc. (recordings)</th><th>Acc. (vote of last 5)</th><th>By group</th><th>Train (s)</th></tr></thead><tbody>");
            foreach (var m in r.Models)
                sb.Append($"<tr><td>{HtmlReport.E(m.Name)}</td><td>{Pct(m.AccuracyMean)} ± {Pct(m.AccuracySd)}</td><td>{Pct(m.Accuracy)}</td><td>{F(m.MacroF1, "0.000")}</td><td>{F(m.MacroAuc, "0.000")}</td><td>{Pct(m.RecordingVoteAccuracy)}</td><td>{Pct(m.SmoothedAccuracy)}</td><td>{HtmlReport.E(string.Join(", ", m.GroupAccuracy.Select(g => $"{g.Key} {Pct(g.Value)}")))}</td><td>{F(m.TrainSeconds, "0.0")}</td></tr>");
            sb.Append("</tbody></table>");
            if (r.Models.Count > 0)
                HtmlReport.Figure(sb, BarChart.Render($"{run.Name}: accuracy by model", r.Models.Select(m => m.Name).ToArray(),
                    [new BarSeries("accuracy", r.Models.Select(m => m.AccuracyMean * 100).ToArray(), r.Models.Select(m => m.AccuracySd * 100).ToArray()),
                     new BarSeries("macro F1", r.Models.Select(m => m.MacroF1 * 100).ToArray())], "%", 0, 100),
                    "Mean of the fold accuracies ± one standard deviation, and macro F1 over all test windows.");
            sb.Append("</section>");
        }
        sb.Append("<footer>Generated by SemgKit. Splits are by recording, repetition or subject — never by window.</footer></main></body></html>\n");
        return sb.ToString();
    }

    /// <summary>Every paper figure with our matching figure, run by run.</summary>
    private static IEnumerable<(ExperimentRunResult Run, PaperFigure Figure, (string Model, double Value, double Sd) Ours)> Comparisons(ExperimentResults results) =>
        results.Runs.SelectMany(run => run.Paper.Select(f => (run, f, f.Ours(run.Results))));

    private static string Delta(double d) => double.IsFinite(d) ? (d >= 0 ? "+" : "−") + F(Math.Abs(d) * 100, "0.00") + " pt" : "–";
}
