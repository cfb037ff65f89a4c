using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Training;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg train --data PATH --model NAME --out model.semg</c>: fits a model bundle.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = $"Learner ({EncoderArguments.ModelNames})", DefaultValueFactory = _ => "lda" };
        var split = new Option<string?>("--split") { Description = "Train only on the training part of this split (repetition[:F] | half[:F] | sessions:TRAIN->TEST) and leave the rest for 'semg evaluate'; default: all recordings" };
        var output = new Option<string>("--out") { Description = "Model bundle to write (.semg)", Required = true };
        var command = new Command("train", "Fit a model on a dataset and save it as one bundle (signal path + classifier + post-processing)")
        {
            EncoderArguments.Data, EncoderArguments.SampleRate, model, split, EncoderArguments.MajorityVote, EncoderArguments.Reject, SimulateCommand.Seed, output,
        };
        EncoderArguments.AddEncoder(command);
        EncoderArguments.AddNetwork(command);
        command.SetAction((parse, ct) =>
        {
            var dataset = EncoderArguments.OpenData(parse, context, ct);
            var spec = EncoderArguments.Models(parse, model) is [var one] ? one : throw new SemgException("--model takes one learner");
            var recordings = dataset.Recordings;
            if (parse.GetValue(split) is { } s)
            {
                var splitSpec = SplitSpec.Parse(s);
                if (splitSpec.Kind is SplitKind.Loso or SplitKind.KFold)
                    throw new SemgException($"--split {s} has no single training set; use 'semg crossval'");
                recordings = Splits.Create(dataset, splitSpec, parse.GetValue(SimulateCommand.Seed)).SelectMany(f => f.Train).ToArray();
            }
            var result = ModelTrainer.Train(new ModelTrainer.Request(dataset, recordings, EncoderArguments.Encoder(parse), spec, EncoderArguments.PostProcessing(parse), parse.GetValue(SimulateCommand.Seed)), ct);
            string path = parse.GetValue(output)!;
            result.Model.Save(path);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {spec.Name} on {result.TrainingWindows} windows from {recordings.Count} recordings, {result.Model.ClassNames.Count} classes, {result.Model.ChannelCount} channels at {result.Model.SampleRateHz:0.###} Hz ({result.TrainSeconds:0.000} s to fit)"));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
