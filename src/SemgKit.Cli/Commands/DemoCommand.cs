using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Simulation;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary>
/// <c>semg demo</c>: the main job end to end — data (synthetic by default, or <c>--data</c>), causal band-pass,
/// 200 ms windows every 50 ms, Hudgins features, LDA, evaluation on held-out repetitions, results.json + report.html + report.md.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Dataset path or name under the data root (default: a freshly simulated dataset)" };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var split = new Option<string?>("--split") { Description = "repetition | half | loso (default: repetition, or half when recordings have no repetition numbers)" };
        var models = new Option<string>("--models") { Description = $"Comma-separated models ({string.Join(", ", ClassifierSpec.All.Select(m => m.Name))})", DefaultValueFactory = _ => "lda" };
        var features = new Option<string>("--features") { Description = "Feature codes or group (e.g. Hudgins, or MAV,WL,ZC,SSC,RMS)", DefaultValueFactory = _ => "Hudgins" };
        var windowMs = new Option<double>("--window-ms") { Description = "Window length, ms", DefaultValueFactory = _ => 200 };
        var stepMs = new Option<double>("--step-ms") { Description = "Window step, ms", DefaultValueFactory = _ => 50 };
        var sampleRate = new Option<double?>("--sample-rate-hz") { Description = "Sample rate for a bare CSV file given as --data" };
        var command = new Command("demo", "Run the whole path on the embedded synthetic data (or --data) and write results.json, report.html and report.md")
        {
            data, output, split, models, features, windowMs, stepMs, sampleRate, SimulateCommand.Seed, SimulateCommand.Subjects, SimulateCommand.Repetitions,
        };
        command.SetAction((parse, ct) =>
        {
            var clock = Stopwatch.StartNew();
            int seed = parse.GetValue(SimulateCommand.Seed);
            Dataset dataset;
            if (parse.GetValue(data) is { } nameOrPath)
            {
                var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
                context.Error.WriteLine($"reading {nameOrPath} ...");
                dataset = catalog.Open(nameOrPath, new DatasetReadOptions { SampleRateHz = parse.GetValue(sampleRate) }, ct);
            }
            else
            {
                var options = SyntheticEmgOptions.Default with
                {
                    SubjectCount = parse.GetValue(SimulateCommand.Subjects),
                    RepetitionCount = parse.GetValue(SimulateCommand.Repetitions),
                };
                context.Error.WriteLine($"simulating {options.SubjectCount} subjects × {options.ClassCount} classes × {options.RepetitionCount} repetitions (seed {seed}) ...");
                dataset = SyntheticEmg.Generate(options, seed, ct);
            }
            var kind = parse.GetValue(split) is { } s
                ? Splits.Parse(s)
                : dataset.Recordings.All(r => r.Metadata.Trial is not null) && dataset.Recordings.GroupBy(r => (r.Metadata.Subject, r.Metadata.Session)).All(g => g.Select(r => r.Metadata.Trial).Distinct().Count() > 1)
                    ? SplitKind.Repetition
                    : SplitKind.Half;
            var request = new FeatureEvaluationRequest(
                dataset,
                new FeatureEncoderOptions { WindowMs = parse.GetValue(windowMs), StepMs = parse.GetValue(stepMs), Features = parse.GetValue(features)! },
                kind,
                ClassifierSpec.ParseList(parse.GetValue(models)!),
                "demo",
                seed,
                kind == SplitKind.Half ? 0.5 : 1.0 / 3.0);
            context.Error.WriteLine($"evaluating ({kind.ToString().ToLowerInvariant()} split) ...");
            var results = FeatureEvaluation.Run(request, null, ct) with { WallSeconds = clock.Elapsed.TotalSeconds };

            string folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            ResultsJson.Write(results, Path.Combine(folder, "results.json"));
            HtmlReport.Write(results, Path.Combine(folder, "report.html"));
            MarkdownReport.Write(results, Path.Combine(folder, "report.md"));
            Render(context, results, folder);
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static void Render(CliContext context, EvaluationResults results, string folder)
    {
        var table = new Table().Title(Markup.Escape($"{results.Dataset.Name}: {results.Split.Kind} split, {results.Split.TrainWindows} training / {results.Split.TestWindows} test windows"))
            .AddColumns("model", "accuracy", "mean ± sd (folds)", "macro F1", "train (s)", "predict (µs/window)");
        foreach (var m in results.Models)
        {
            table.AddRow(
                Markup.Escape(m.Name),
                (m.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %",
                string.Create(CultureInfo.InvariantCulture, $"{m.AccuracyMean * 100:0.00} ± {m.AccuracySd * 100:0.00} %"),
                m.MacroF1.ToString("0.000", CultureInfo.InvariantCulture),
                m.TrainSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                m.MeanPredictionMicroseconds.ToString("0.00", CultureInfo.InvariantCulture));
        }
        context.Console.Write(table);
        context.Console.WriteLine($"wrote {Path.Combine(folder, "results.json")}, report.html and report.md ({results.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
    }
}
