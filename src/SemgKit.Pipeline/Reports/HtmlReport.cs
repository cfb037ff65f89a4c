using System.Net;
using System.Text;
using SemgKit.Pipeline.Reports.Plots;

using static SemgKit.Pipeline.Reports.ReportFormat;

namespace SemgKit.Pipeline.Reports;

/// <summary>
/// Writes a self-contained <c>report.html</c> (inline CSS and SVG, no scripts, no network) from <see cref="EvaluationResults"/>:
/// summary, model comparison, and per model the confusion matrix, per-class bars and per-fold table.
/// </summary>
public static class HtmlReport
{
    public static void Write(EvaluationResults results, string path, IReadOnlyList<ReportFigure>? extraFigures = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Render(results, extraFigures), new UTF8Encoding(false));
    }

    public static string Render(EvaluationResults results, IReadOnlyList<ReportFigure>? extraFigures = null)
    {
        var sb = new StringBuilder();
        var d = results.Dataset;
        string title = $"SemgKit {results.Command}: {d.Name}";
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        sb.Append($"<title>{E(title)}</title><style>{Css}</style></head><body><main>");
        sb.Append($"<h1>{E(title)}</h1>");
        sb.Append($"<p class=\"meta\">SemgKit {E(results.Version)} · seed {results.Seed} · wall time {F(results.WallSeconds, "0.0")} s</p>");

        sb.Append("<section><h2>Data and protocol</h2><table class=\"kv\">");
        Row(sb, "Dataset", $"{d.Name}{(d.Source is null ? "" : $" <span class=\"dim\">({E(d.Source)})</span>")}", raw: true);
        Row(sb, "Subjects · recordings", $"{d.Subjects} · {d.Recordings} ({F(d.Hours * 60, "0.0")} min of signal)");
        Row(sb, "Channels", $"{d.Channels.Count} at {F(d.SampleRateHz, "0.###")} Hz: {string.Join(", ", d.Channels)}");
        Row(sb, "Classes", $"{d.Classes.Count}: {string.Join(", ", d.Classes)}");
        Row(sb, "Split", $"{results.Split.Kind}: {results.Split.Description} ({results.Split.Folds} folds; {results.Split.TrainWindows} training / {results.Split.TestWindows} test windows)");
        var p = results.Pipeline;
        Row(sb, "Pipeline", $"{p.Filter}; {F(p.WindowMs, "0.#")} ms windows every {F(p.StepMs, "0.#")} ms; features {string.Join(", ", p.Features)} ({p.FeatureCount} values per window)");
        sb.Append("</table>");
        if (results.Notes.Count > 0)
        {
            sb.Append("<ul class=\"notes\">");
            foreach (var note in results.Notes) sb.Append($"<li>{E(note)}</li>");
            sb.Append("</ul>");
        }
        sb.Append("</section>");

        sb.Append("<section><h2>Models</h2><table><thead><tr><th>Model</th><th>Accuracy</th><th>Mean ± sd over folds</th><th>Balanced acc.</th><th>Macro F1</th><th>Macro AUC</th><th>Kappa</th><th>Vote acc. (recordings)</th><th>Acc. (vote of last 5)</th><th>Active error</th><th>Instability</th><th>Train (s)</th><th>Predict (µs/window)</th></tr></thead><tbody>");
        foreach (var m in results.Models)
        {
            sb.Append($"<tr><td>{E(m.Name)}</td><td>{Pct(m.Accuracy)}</td><td>{Pct(m.AccuracyMean)} ± {Pct(m.AccuracySd)}</td><td>{Pct(m.BalancedAccuracy)}</td><td>{F(m.MacroF1, "0.000")}</td><td>{F(m.MacroAuc, "0.000")}</td><td>{F(m.CohenKappa, "0.000")}</td><td>{Pct(m.RecordingVoteAccuracy)}</td><td>{Pct(m.SmoothedAccuracy)}</td><td>{Pct(m.ActiveError)}</td><td>{F(m.Instability, "0.000")}</td><td>{F(m.TrainSeconds, "0.000")}</td><td>{F(m.MeanPredictionMicroseconds, "0.00")}</td></tr>");
        }
        sb.Append("</tbody></table>");
        if (results.Models.Count > 0)
        {
            var names = results.Models.Select(m => m.Name).ToArray();
            Figure(sb, BarChart.Render("Accuracy by model (mean ± sd over folds)", names,
                [new BarSeries("accuracy", results.Models.Select(m => m.AccuracyMean * 100).ToArray(), results.Models.Select(m => m.AccuracySd * 100).ToArray()),
                 new BarSeries("macro F1", results.Models.Select(m => m.MacroF1 * 100).ToArray())],
                "%", 0, 100), "Bars: pooled over folds for macro F1, mean of fold accuracies with ± one standard deviation.");
        }
        sb.Append("</section>");

        foreach (var m in results.Models)
        {
            sb.Append($"<section><h2>{E(m.Name)}</h2>");
            if (m.GroupAccuracy.Count > 0)
                sb.Append("<p>Accuracy by group: ").Append(E(string.Join(", ", m.GroupAccuracy.Select(g => $"{g.Key} {Pct(g.Value)}")))).Append("</p>");
            sb.Append("<div class=\"grid\">");
            var rowNorm = m.ConfusionMatrix.Select(r => { double s = r.Sum(); return (IReadOnlyList<double>)r.Select(v => s > 0 ? v / s : 0).ToArray(); }).ToArray();
            var text = m.ConfusionMatrix.Select((r, i) => (IReadOnlyList<string>)r.Select((v, j) => $"{Pct0(rowNorm[i][j])}").ToArray()).ToArray();
            Figure(sb, HeatmapPlot.Render($"Confusion matrix, {m.Name} (row %)", m.ClassNames, m.ClassNames, rowNorm, text),
                $"Rows: true class, columns: predicted class; each row sums to 100 %. Counts are in results.json. Accuracy {Pct(m.Accuracy)}.");
            var classes = m.PerClass.Select(c => c.Class).ToArray();
            Figure(sb, BarChart.Render($"Per-class precision, recall and F1, {m.Name}", classes,
                [new BarSeries("precision", m.PerClass.Select(c => c.Precision * 100).ToArray()),
                 new BarSeries("recall", m.PerClass.Select(c => c.Recall * 100).ToArray()),
                 new BarSeries("F1", m.PerClass.Select(c => c.F1 * 100).ToArray())], "%", 0, 100),
                "Pooled over all folds.");
            if (m.Roc.Count > 0)
            {
                var curves = m.Roc.Select(r => new LineSeries($"{r.Class} ({F(r.Auc, "0.000")})", r.FalsePositiveRates, r.TruePositiveRates)).ToList();
                curves.Add(new LineSeries("chance", [0.0, 1.0], [0.0, 1.0], Dashed: true));
                Figure(sb, LinePlot.Render($"ROC curves (one vs rest), {m.Name}", curves, "false positive rate", "true positive rate", (0, 1), (0, 1), 520, 420),
                    $"Legend gives each class's AUC; macro AUC {F(m.MacroAuc, "0.000")}.");
            }
            if (m.History.Count > 0)
            {
                var epochs = m.History.Select(h => (double)h.Epoch).ToArray();
                Figure(sb, LinePlot.Render($"Loss per epoch, {m.Name}",
                    [new LineSeries("training", epochs, m.History.Select(h => h.TrainLoss).ToArray()),
                     new LineSeries("validation", epochs, m.History.Select(h => h.ValidationLoss).ToArray(), Dashed: true)], "epoch", "loss"),
                    "Cross-entropy on training and validation data.");
                Figure(sb, LinePlot.Render($"Accuracy per epoch, {m.Name}",
                    [new LineSeries("training", epochs, m.History.Select(h => h.TrainAccuracy * 100).ToArray()),
                     new LineSeries("validation", epochs, m.History.Select(h => h.ValidationAccuracy * 100).ToArray(), Dashed: true)], "epoch", "accuracy (%)"),
                    "Accuracy on training and validation data.");
            }
            sb.Append("</div><details><summary>Per-class table and folds</summary><table><thead><tr><th>Class</th><th>Precision</th><th>Recall</th><th>F1</th><th>AUC</th><th>Support</th></tr></thead><tbody>");
            foreach (var c in m.PerClass)
                sb.Append($"<tr><td>{E(c.Class)}</td><td>{F(c.Precision, "0.000")}</td><td>{F(c.Recall, "0.000")}</td><td>{F(c.F1, "0.000")}</td><td>{F(c.Auc, "0.000")}</td><td>{c.Support}</td></tr>");
            sb.Append("</tbody></table><table><thead><tr><th>Fold</th><th>Accuracy</th><th>Macro F1</th><th>Test windows</th></tr></thead><tbody>");
            foreach (var f in m.Folds)
                sb.Append($"<tr><td>{E(f.Name)}</td><td>{Pct(f.Accuracy)}</td><td>{F(f.MacroF1, "0.000")}</td><td>{f.TestWindows}</td></tr>");
            sb.Append("</tbody></table></details></section>");
        }

        if (extraFigures is { Count: > 0 })
        {
            foreach (var group in extraFigures.GroupBy(f => f.Section))
            {
                sb.Append($"<section><h2>{E(group.Key)}</h2><div class=\"grid\">");
                foreach (var f in group) Figure(sb, f.Svg, f.Caption);
                sb.Append("</div></section>");
            }
        }
        sb.Append("<footer>Generated by SemgKit. Splits are by recording, repetition or subject — never by window.</footer></main></body></html>\n");
        return sb.ToString();
    }

    internal static void Figure(StringBuilder sb, string svg, string caption) =>
        sb.Append($"<figure>{svg}<figcaption>{E(caption)}</figcaption></figure>");

    private static void Row(StringBuilder sb, string key, string value, bool raw = false) =>
        sb.Append($"<tr><th>{E(key)}</th><td>{(raw ? value : E(value))}</td></tr>");

    internal static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Pct0(double v) => F(v * 100, "0");

    internal const string Css =
        "body{margin:0;background:#f6f7f9;color:#1a1a1a;font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif}" +
        "main{max-width:1100px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 10px}" +
        "section{background:#fff;border:1px solid #e2e4e8;border-radius:8px;padding:16px 18px;margin:16px 0}" +
        ".meta,.dim,figcaption,footer{color:#666}figcaption{font-size:12px;max-width:560px}figure{margin:8px 0}" +
        "table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #eceef1;text-align:left}" +
        "td{font-variant-numeric:tabular-nums}.kv th{color:#555;font-weight:500;white-space:nowrap}" +
        ".grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}svg.plot{max-width:100%;height:auto}details{margin-top:8px}footer{font-size:12px;margin:24px 0}";
}
