using System.Globalization;
using SemgKit.Pipeline.Reports;
using Spectre.Console;

namespace SemgKit.Cli;

/// <summary>Renders the model table of an <see cref="EvaluationResults"/> on the console.</summary>
internal static class ResultsTable
{
    public static void Render(CliContext context, EvaluationResults results, IReadOnlyList<string> written)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title(Markup.Escape($"{results.Dataset.Name}: {results.Split.Kind}, {results.Split.TrainWindows} training / {results.Split.TestWindows} test windows"))
            .AddColumns("model", "accuracy", "mean ± sd (folds)", "macro F1", "train (s)", "predict (µs/window)");
        foreach (var m in results.Models)
        {
            table.AddRow(
                Markup.Escape(m.Name),
                (m.Accuracy * 100).ToString("0.00", c) + " %",
                string.Create(c, $"{m.AccuracyMean * 100:0.00} ± {m.AccuracySd * 100:0.00} %"),
                m.MacroF1.ToString("0.000", c),
                m.TrainSeconds.ToString("0.000", c),
                m.MeanPredictionMicroseconds.ToString("0.00", c));
        }
        context.Console.Write(table);
        foreach (var note in results.Notes)
            context.Console.WriteLine("note: " + note);
        context.Console.WriteLine($"wrote {string.Join(", ", written)} ({results.WallSeconds.ToString("0.0", c)} s)");
    }
}
