using System.CommandLine;
using System.Diagnostics;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg crossval --data PATH --models a,b,c --split loso --out DIR</c>: compares models under one protocol.</summary>
internal static class CrossvalCommand
{
    public static Command Create(CliContext context)
    {
        var models = new Option<string>("--models") { Description = $"Comma-separated models ({EncoderArguments.ModelNames}), each optionally +balanced, +pretrain or +population (networks) or +ensemble[:K][:vote|:best]", DefaultValueFactory = _ => string.Join(",", ClassifierSpec.All.Select(m => m.Name)) };
        var split = new Option<string?>("--split") { Description = "repetition[:F] | half[:F] | pooled-half[:F] | loso | kfold[:K] | sessions:TRAIN->TEST (default: repetition, or half without repetition numbers)" };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("out", "crossval") };
        var command = new Command("crossval", "Cross-validate several models under one protocol; writes results.json, report.html and report.md")
        {
            EncoderArguments.Data, EncoderArguments.SampleRate, models, split, SimulateCommand.Seed, output,
        };
        EncoderArguments.AddEncoder(command);
        EncoderArguments.AddNetwork(command);
        command.SetAction((parse, ct) =>
        {
            var clock = Stopwatch.StartNew();
            var dataset = EncoderArguments.OpenData(parse, context, ct);
            var spec = parse.GetValue(split) is { } s ? SplitSpec.Parse(s) : Splits.DefaultFor(dataset);
            var request = new FeatureEvaluationRequest(dataset, EncoderArguments.Encoder(parse), spec,
                EncoderArguments.Models(parse, models), "crossval", parse.GetValue(SimulateCommand.Seed));
            var results = Progress.Run(context, $"{spec.Name} cross-validation", progress => FeatureEvaluation.Run(request, progress, ct))
                with { WallSeconds = clock.Elapsed.TotalSeconds };
            ResultsTable.Render(context, results, ReportWriter.WriteAll(results, parse.GetValue(output)!, DataFigures.For(dataset, request.Encoder)));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
