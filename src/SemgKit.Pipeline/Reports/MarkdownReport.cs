using System.Text;

using static SemgKit.Pipeline.Reports.ReportFormat;

namespace SemgKit.Pipeline.Reports;

/// <summary>Writes <c>report.md</c>: the same facts as the HTML report as Markdown tables (for READMEs, papers and diffs).</summary>
public static class MarkdownReport
{
    public static void Write(EvaluationResults results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Render(results), new UTF8Encoding(false));
    }

    public static string Render(EvaluationResults results)
    {
        var d = results.Dataset;
        var p = results.Pipeline;
        var sb = new StringBuilder();
        sb.Append($"# SemgKit {results.Command}: {d.Name}\n\n");
        sb.Append($"- Dataset: {d.Name}, {d.Subjects} subjects, {d.Recordings} recordings, {d.Channels.Count} channels at {F(d.SampleRateHz, "0.###")} Hz, {d.Classes.Count} classes ({string.Join(", ", d.Classes)})\n");
        sb.Append($"- Split: {results.Split.Kind}: {results.Split.Description} ({results.Split.Folds} folds; {results.Split.TrainWindows} training / {results.Split.TestWindows} test windows)\n");
        sb.Append($"- Pipeline: {p.Filter}; {F(p.WindowMs, "0.#")} ms windows every {F(p.StepMs, "0.#")} ms; features {string.Join(", ", p.Features)}\n");
        sb.Append($"- Seed {results.Seed}; wall time {F(results.WallSeconds, "0.0")} s\n");
        foreach (var note in results.Notes) sb.Append($"- Note: {note}\n");
        sb.Append('\n');
        sb.Append("| Model | Accuracy | Mean ± sd (folds) | Balanced acc. | Macro F1 | Macro AUC | Kappa | Vote acc. (recordings) | Acc. (vote of last 5) | Active error | Instability | Train (s) | Predict (µs/window) |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var m in results.Models)
            sb.Append($"| {m.Name} | {Pct(m.Accuracy)} | {Pct(m.AccuracyMean)} ± {Pct(m.AccuracySd)} | {Pct(m.BalancedAccuracy)} | {F(m.MacroF1, "0.000")} | {F(m.MacroAuc, "0.000")} | {F(m.CohenKappa, "0.000")} | {Pct(m.RecordingVoteAccuracy)} | {Pct(m.SmoothedAccuracy)} | {Pct(m.ActiveError)} | {F(m.Instability, "0.000")} | {F(m.TrainSeconds, "0.000")} | {F(m.MeanPredictionMicroseconds, "0.00")} |\n");
        foreach (var m in results.Models)
        {
            sb.Append($"\n## {m.Name}\n\n");
            if (m.GroupAccuracy.Count > 0)
                sb.Append("Accuracy by group: ").Append(string.Join(", ", m.GroupAccuracy.Select(g => $"{g.Key} {Pct(g.Value)}"))).Append("\n\n");
            sb.Append("| Class | Precision | Recall | F1 | AUC | Support |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (var c in m.PerClass)
                sb.Append($"| {c.Class} | {F(c.Precision, "0.000")} | {F(c.Recall, "0.000")} | {F(c.F1, "0.000")} | {F(c.Auc, "0.000")} | {c.Support} |\n");
            sb.Append("\nConfusion matrix (rows true, columns predicted):\n\n| | ").Append(string.Join(" | ", m.ClassNames)).Append(" |\n|---|")
              .Append(string.Concat(Enumerable.Repeat("---:|", m.ClassNames.Count))).Append('\n');
            for (int i = 0; i < m.ConfusionMatrix.Count; i++)
                sb.Append($"| {m.ClassNames[i]} | ").Append(string.Join(" | ", m.ConfusionMatrix[i])).Append(" |\n");
        }
        return sb.ToString();
    }

}
