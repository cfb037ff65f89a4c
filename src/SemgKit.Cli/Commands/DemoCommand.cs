using System.CommandLine;
using System.Diagnostics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Cli.Commands;

/// <summary>
/// <c>semg demo</c>: the main job end to end — data (synthetic by default, or <c>--data</c>), causal band-pass,
/// 200 ms windows every 50 ms, Hudgins features, LDA, evaluation on held-out repetitions, results.json + report.html + report.md.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var split = new Option<string?>("--split") { Description = "repetition[:F] | half[:F] | pooled-half[:F] | loso | kfold[:K] | sessions:TRAIN->TEST (default: repetition, or half when recordings have no repetition numbers)" };
        var models = new Option<string>("--models") { Description = $"Comma-separated models ({EncoderArguments.ModelNames}), each optionally +balanced, +pretrain or +population (networks) or +ensemble[:K][:vote|:best]", DefaultValueFactory = _ => "lda" };
        var command = new Command("demo", "Run the whole path on the embedded synthetic data (or --data) and write results.json, report.html and report.md")
        {
            EncoderArguments.Data, EncoderArguments.SampleRate, output, split, models, SimulateCommand.Seed, SimulateCommand.Subjects, SimulateCommand.Repetitions,
        };
        EncoderArguments.AddEncoder(command);
        EncoderArguments.AddNetwork(command);
        command.SetAction((parse, ct) =>
        {
            var clock = Stopwatch.StartNew();
            int seed = parse.GetValue(SimulateCommand.Seed);
            Dataset dataset;
            if (parse.GetValue(EncoderArguments.Data) is not null)
            {
                dataset = EncoderArguments.OpenData(parse, context, ct);
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
            var spec = parse.GetValue(split) is { } s ? SplitSpec.Parse(s) : Splits.DefaultFor(dataset);
            var request = new FeatureEvaluationRequest(
                dataset,
                EncoderArguments.Encoder(parse),
                spec,
                EncoderArguments.Models(parse, models),
                "demo",
                seed);
            context.Error.WriteLine($"evaluating ({spec.Name} split) ...");
            var results = FeatureEvaluation.Run(request, null, ct) with { WallSeconds = clock.Elapsed.TotalSeconds };
            ResultsTable.Render(context, results, ReportWriter.WriteAll(results, parse.GetValue(output)!, DataFigures.For(dataset, request.Encoder)));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
