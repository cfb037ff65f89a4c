using System.CommandLine;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg evaluate --model M --data PATH --out DIR</c>: replays recordings through the saved model's streaming path and scores it.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model bundle (.semg) from 'semg train'", Required = true };
        var split = new Option<string?>("--split") { Description = "Score only the test part of this split (repetition[:F] | half[:F] | sessions:TRAIN->TEST), the complement of 'semg train --split'" };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("out", "evaluate") };
        var command = new Command("evaluate", "Evaluate a saved model on a dataset through the same streaming path used live; writes results.json, report.html, report.md")
        {
            model, EncoderArguments.Data, EncoderArguments.SampleRate, split, LiveArguments.Recalibrate, output,
        };
        command.SetAction((parse, ct) =>
        {
            var bundle = EmgModel.Load(parse.GetValue(model)!);
            var dataset = EncoderArguments.OpenData(parse, context, ct);
            if (parse.GetValue(split) is { } s)
            {
                var test = Splits.Create(dataset, SplitSpec.Parse(s)).SelectMany(f => f.Test).ToArray();
                dataset = new Pipeline.Data.Dataset(dataset.Name, dataset.ClassNames, test, dataset.Source, dataset.Notes);
            }
            if (LiveArguments.Rotation(parse, bundle, context, ct) is var rotation and not 0)
                dataset = new Pipeline.Data.Dataset(dataset.Name, dataset.ClassNames, [.. dataset.Recordings.Select(r => Pipeline.Data.ArmbandRotation.Undo(r, rotation))], dataset.Source,
                    [.. dataset.Notes, $"channels put back from an armband rotation of {rotation} electrode(s), recalibrated on {parse.GetValue(LiveArguments.Recalibrate)}"]);
            var results = ModelEvaluator.Evaluate(bundle, dataset, "evaluate", ct);
            ResultsTable.Render(context, results, ReportWriter.WriteAll(results, parse.GetValue(output)!));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
