using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg motion-test --model M --data D</c>: BioPatRec's real-time motion test on replayed labelled recordings.</summary>
internal static class MotionTestCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model bundle (.semg)", Required = true };
        var correct = new Option<int>("--correct") { Description = "Correct decisions that complete a motion", DefaultValueFactory = _ => 20 };
        var timeout = new Option<double>("--timeout-s") { Description = "Seconds from onset within which a motion must complete", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("out", "motion-test") };
        var command = new Command("motion-test", "Real-time motion test (BioPatRec): selection time, completion time and rate, real-time accuracy per class; writes results.json, report.md")
        {
            model, EncoderArguments.Data, EncoderArguments.SampleRate, correct, timeout, output,
        };
        command.SetAction((parse, ct) =>
        {
            var bundle = EmgModel.Load(parse.GetValue(model)!);
            var dataset = EncoderArguments.OpenData(parse, context, ct);
            var options = new MotionTestOptions { CorrectDecisions = parse.GetValue(correct), TimeoutSeconds = parse.GetValue(timeout) };
            var results = MotionTest.Run(bundle, dataset, options, ct);
            var written = MotionTestReport.WriteAll(results, parse.GetValue(output)!);
            var c = CultureInfo.InvariantCulture;
            static string F(double v, string f) => double.IsFinite(v) ? v.ToString(f, CultureInfo.InvariantCulture) : "–";
            var table = new Table().Title(Markup.Escape($"motion test: {results.Dataset}")).AddColumns("class", "trials", "completion", "selection (s)", "completion (s)", "real-time accuracy");
            foreach (var r in results.Classes.Append(results.Overall))
                table.AddRow(Markup.Escape(r.Class), r.Trials.ToString(c), F(r.CompletionRate * 100, "0.0") + " %", F(r.SelectionSeconds, "0.000"), F(r.CompletionSeconds, "0.000"), F(r.RealTimeAccuracy * 100, "0.0") + " %");
            context.Console.Write(table);
            context.Console.WriteLine($"wrote {string.Join(", ", written)}");
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
