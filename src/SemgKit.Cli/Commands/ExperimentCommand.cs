using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Experiments;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary>
/// <c>semg experiment RECIPE [--data D] [--quick] [--only RUNS] [--models M] [--seed S] [--threads N] [--out DIR]</c>: one of the papers' studies
/// (see <see cref="ExperimentRecipes"/>), every run's report under <c>DIR/runs/</c> and the summary with the papers'
/// figures in <c>DIR/results.json, report.md, report.html</c>.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create(CliContext context)
    {
        var recipe = new Argument<string>("recipe") { Description = $"The study: {string.Join(", ", ExperimentRecipes.All.Select(r => r.Name))}" };
        var data = new Option<string?>("--data") { Description = "Run every step on this dataset (a path or a name under the data root) instead of the recipe's public datasets" };
        var quick = new Option<bool>("--quick") { Description = "Small and fast (first 3 subjects, 2 epochs): a smoke test in about two minutes" };
        var only = new Option<string?>("--only") { Description = "Comma-separated runs of the recipe to do (names or prefixes ending in *, e.g. uci-loso or uci-*); default all" };
        var models = new Option<string?>("--models") { Description = "Comma-separated models every run compares instead of the recipe's (e.g. svm,lda:auto); networks train with the run's settings" };
        var output = new Option<string?>("--out") { Description = "Output folder (default out/experiment/RECIPE)" };
        var command = new Command("experiment", "Reproduce one of the source papers' studies on real data (or --data) and put the papers' figures beside ours; writes results.json, report.md, report.html and one report per run")
        {
            recipe, data, quick, only, models, SimulateCommand.Seed, EncoderArguments.Threads, output,
        };
        command.SetAction((parse, ct) =>
        {
            var chosen = ExperimentRecipes.Find(parse.GetValue(recipe)!);
            var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            var experiment = new ExperimentContext(catalog, parse.GetValue(data), parse.GetValue(quick), parse.GetValue(SimulateCommand.Seed), parse.GetValue(EncoderArguments.Threads), parse.GetValue(models));
            string folder = parse.GetValue(output) ?? Path.Combine("out", "experiment", chosen.Name);
            var results = Progress.Run(context, $"experiment {chosen.Name}", progress => ExperimentRunner.Run(chosen, experiment, folder,
                parse.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), progress, ct));
            Render(context, results, folder);
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static void Render(CliContext context, ExperimentResults results, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title(Markup.Escape($"experiment {results.Recipe}{(results.Quick ? " (quick)" : "")}, seed {results.Seed}"))
            .AddColumns("run", "model", "accuracy (mean ± sd)", "macro F1", "vote acc.", "train (s)");
        foreach (var run in results.Runs)
            foreach (var m in run.Results.Models)
                table.AddRow(Markup.Escape(run.Name), Markup.Escape(m.Name), string.Create(c, $"{m.AccuracyMean * 100:0.00} ± {m.AccuracySd * 100:0.00} %"),
                    m.MacroF1.ToString("0.000", c), double.IsFinite(m.RecordingVoteAccuracy) ? (m.RecordingVoteAccuracy * 100).ToString("0.00", c) + " %" : "–", m.TrainSeconds.ToString("0.0", c));
        context.Console.Write(table);
        foreach (var run in results.Runs)
            foreach (var figure in run.Paper)
            {
                var ours = figure.Ours(run.Results);
                string value = double.IsFinite(ours.Value) ? string.Create(c, $"{ours.Value * 100:0.00} %") : "not run";
                context.Console.WriteLine(string.Create(c, $"{run.Name}: {figure.What}: {figure.Source} {figure.Accuracy * 100:0.00} %, ours {value} ({ours.Model})"));
            }
        foreach (var note in results.Notes) context.Console.WriteLine("note: " + note);
        context.Console.WriteLine(string.Create(c, $"wrote {Path.Combine(folder, "results.json")}, report.md, report.html and runs/ ({results.WallSeconds:0.0} s)"));
    }
}
