using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Data.Generic;
using SemgKit.Pipeline.Simulation;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg simulate --out DIR</c>: writes a synthetic sEMG dataset in the generic format.</summary>
internal static class SimulateCommand
{
    public static readonly Option<int> Subjects = new("--subjects") { Description = "Number of subjects", DefaultValueFactory = _ => SyntheticEmgOptions.Default.SubjectCount };
    public static readonly Option<int> Repetitions = new("--repetitions") { Description = "Repetitions of each movement per subject", DefaultValueFactory = _ => SyntheticEmgOptions.Default.RepetitionCount };
    public static readonly Option<int> Channels = new("--channels") { Description = "Electrode channels", DefaultValueFactory = _ => SyntheticEmgOptions.Default.ChannelCount };
    public static readonly Option<int> Classes = new("--classes") { Description = "Classes including rest", DefaultValueFactory = _ => SyntheticEmgOptions.Default.ClassCount };
    public static readonly Option<double> SampleRate = new("--sample-rate-hz") { Description = "Sample rate, Hz", DefaultValueFactory = _ => SyntheticEmgOptions.Default.SampleRateHz };
    public static readonly Option<double> Mains = new("--mains-hz") { Description = "Power-line frequency, 50 or 60 Hz", DefaultValueFactory = _ => SyntheticEmgOptions.Default.MainsFrequencyHz };
    public static readonly Option<double> Difficulty = new("--difficulty") { Description = "0 (easily separable) to 1 (heavily overlapping classes)", DefaultValueFactory = _ => SyntheticEmgOptions.Default.Difficulty };
    public static readonly Option<int> Seed = new("--seed") { Description = "Random seed (same seed, same data)", DefaultValueFactory = _ => 1 };

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Output folder (generic format: dataset.json + CSV files)", Required = true };
        var command = new Command("simulate", "Generate a synthetic sEMG dataset (the embedded default) in the generic format")
        {
            Subjects, Repetitions, Channels, Classes, SampleRate, Mains, Difficulty, Seed, output,
        };
        command.SetAction((parse, ct) =>
        {
            var options = OptionsFrom(parse);
            var dataset = SyntheticEmg.Generate(options, parse.GetValue(Seed), ct);
            string folder = parse.GetValue(output)!;
            string manifest = GenericDatasetWriter.Write(dataset, folder, ct);
            var s = DatasetSummary.Of(dataset);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {manifest}: {s.Subjects} subjects, {s.Recordings} recordings, {s.Classes.Count} classes, {s.Channels.Count} channels at {s.SampleRateHz:0.#} Hz, {s.Hours * 60:0.0} min"));
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    /// <summary>The generator options given on the command line (shared with <c>demo</c>).</summary>
    public static SyntheticEmgOptions OptionsFrom(ParseResult parse) => SyntheticEmgOptions.Default with
    {
        SubjectCount = Positive(parse.GetValue(Subjects), "--subjects"),
        RepetitionCount = Positive(parse.GetValue(Repetitions), "--repetitions"),
        ChannelCount = Positive(parse.GetValue(Channels), "--channels"),
        ClassCount = Positive(parse.GetValue(Classes), "--classes"),
        SampleRateHz = parse.GetValue(SampleRate),
        MainsFrequencyHz = parse.GetValue(Mains),
        Difficulty = parse.GetValue(Difficulty),
    };

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new Pipeline.SemgException($"{option} must be positive (got {value})");
}
