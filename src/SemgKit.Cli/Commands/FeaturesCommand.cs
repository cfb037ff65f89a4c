using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg features PATH --features LIST|GROUP ... --out features.csv</c>: windowed features as CSV.</summary>
internal static class FeaturesCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A file or dataset folder, or a dataset name under the data root" };
        var windowSamples = new Option<int?>("--window-samples") { Description = "Window length in samples (instead of --window-ms)" };
        var stepSamples = new Option<int?>("--step-samples") { Description = "Window step in samples (instead of --step-ms)" };
        var notch = new Option<double>("--notch") { Description = "Power-line frequency to remove with harmonics (50 or 60; 0 = none)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var command = new Command("features", "Extract windowed features (any of ~55 codes or groups: Hudgins, TDPSD, LS4, LS9, TDAR, COMB, TDFD, ...) into a CSV file")
        {
            path, EncoderArguments.SampleRate, windowSamples, stepSamples, notch, output,
        };
        EncoderArguments.AddEncoder(command, networkInputs: false);
        command.SetAction((parse, ct) =>
        {
            var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            var (resolved, reader) = catalog.Resolve(parse.GetValue(path)!);
            var dataset = reader.Read(resolved, new DatasetReadOptions { SampleRateHz = parse.GetValue(EncoderArguments.SampleRate) }, ct);
            double fs = dataset.SampleRateHz;
            var options = EncoderArguments.Encoder(parse) with { NotchHz = parse.GetValue(notch) };
            if (parse.GetValue(windowSamples) is int w) options = options with { WindowMs = Samples(w, "--window-samples") * 1000.0 / fs };
            if (parse.GetValue(stepSamples) is int s) options = options with { StepMs = Samples(s, "--step-samples") * 1000.0 / fs };
            string file = parse.GetValue(output)!;
            int rows = FeatureTable.Write(dataset, options, file, ct);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {file}: {rows} windows from {dataset.Recordings.Count} recordings ({options.Features}; {options.DescribeFilter(fs)})"));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static int Samples(int value, string option) => value > 0 ? value : throw new SemgException($"{option} must be positive (got {value})");
}
