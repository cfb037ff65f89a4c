using System.CommandLine;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.PostProcessing;

namespace SemgKit.Cli;

/// <summary>Options shared by commands that build a signal path or read data (demo, train, evaluate, ...).</summary>
internal static class EncoderArguments
{
    public static readonly Option<string?> Data = new("--data") { Description = "Dataset: a path (folder or file) or a name under the data root" };
    public static readonly Option<double?> SampleRate = new("--sample-rate-hz") { Description = "Sample rate for a bare CSV file given as --data" };
    public static readonly Option<string> Features = new("--features") { Description = "Feature codes or group (e.g. Hudgins, or MAV,WL,ZC:0.01,SSC)", DefaultValueFactory = _ => "Hudgins" };
    public static readonly Option<double> WindowMs = new("--window-ms") { Description = "Window length, ms", DefaultValueFactory = _ => 200 };
    public static readonly Option<double> StepMs = new("--step-ms") { Description = "Window step (decision period), ms", DefaultValueFactory = _ => 50 };
    public static readonly Option<double[]> BandPass = new("--band-pass") { Description = "Band-pass edges LO HI in Hz (HI clipped to 0.45 × rate)", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
    public static readonly Option<int> MajorityVote = new("--majority-vote") { Description = "Majority vote over the last N decisions (1 = off)", DefaultValueFactory = _ => 1 };
    public static readonly Option<double> Reject = new("--reject-below") { Description = "Reject decisions whose probability is below this (0 = never)", DefaultValueFactory = _ => 0 };

    public static void AddEncoder(Command command)
    {
        command.Options.Add(Features);
        command.Options.Add(WindowMs);
        command.Options.Add(StepMs);
        command.Options.Add(BandPass);
    }

    public static FeatureEncoderOptions Encoder(ParseResult parse)
    {
        var options = new FeatureEncoderOptions { Features = parse.GetValue(Features)!, WindowMs = parse.GetValue(WindowMs), StepMs = parse.GetValue(StepMs) };
        if (parse.GetValue(BandPass) is { Length: 2 } band)
        {
            if (!(band[0] > 0 && band[1] > band[0]))
                throw new Pipeline.SemgException($"--band-pass {band[0]} {band[1]}: need 0 < LO < HI");
            options = options with { BandLowHz = band[0], BandHighHz = band[1] };
        }
        return options;
    }

    public static PostProcessingOptions PostProcessing(ParseResult parse) =>
        new PostProcessingOptions { MajorityVoteWindows = parse.GetValue(MajorityVote), RejectionThreshold = parse.GetValue(Reject) }.Validated();

    /// <summary>Opens <c>--data</c> (required here).</summary>
    public static Dataset OpenData(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var nameOrPath = parse.GetValue(Data) ?? throw new Pipeline.SemgException("--data is required");
        var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
        context.Error.WriteLine($"reading {nameOrPath} ...");
        return catalog.Open(nameOrPath, new DatasetReadOptions { SampleRateHz = parse.GetValue(SampleRate) }, ct);
    }
}
