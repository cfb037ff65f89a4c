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
    public static readonly Option<string> Features = new("--features") { Description = "Feature codes or group (e.g. Hudgins, or MAV,WL,ZC:0.01,SSC); CODE@T computes over the window's last T ms (e.g. TDFD,TDFD@256 with --window-ms 1024), CODE/N on each of N equal segments (e.g. MAV/10, an envelope)", DefaultValueFactory = _ => "Hudgins" };
    public static readonly Option<bool> LogAmplitude = new("--log-amplitude") { Description = "Natural log of the features that scale with amplitude (MAV, RMS, WL, VAR, ...): gains become offsets (helps across subjects)" };
    public static readonly Option<double> WindowMs = new("--window-ms") { Description = "Window length, ms", DefaultValueFactory = _ => 200 };
    public static readonly Option<double> StepMs = new("--step-ms") { Description = "Window step (decision period), ms", DefaultValueFactory = _ => 50 };
    public static readonly Option<string> LabelRule = new("--label-rule") { Description = "Window label from its samples' labels: mode (most frequent), last (the last sample's), or pure[:F] (the most frequent when at least F of the window carries it, default 1; other windows get no label: training drops them, `semg features` writes them with an empty label)", DefaultValueFactory = _ => "mode" };
    public static readonly Option<double[]> BandPass = new("--band-pass") { Description = "Band-pass edges LO HI in Hz (HI clipped to 0.45 × rate)", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
    public static readonly Option<double> FrameMs = new("--frame-ms") { Description = "Frame length of EMG images and per-frame feature sequences (lstm), ms", DefaultValueFactory = _ => 10 };
    public static readonly Option<string?> FrameFeatures = new("--frame-features") { Description = "Per-frame feature(s): default Hudgins for frame sequences (lstm), MAV for EMG images" };
    public static readonly Option<int> SegmentSamples = new("--segment-samples") { Description = "Spectrogram segment (FFT) length in samples, 50 % overlap (0 = min(256, window/4 rounded down to a power of two))", DefaultValueFactory = _ => 0 };
    public static readonly Option<string> Wavelet = new("--wavelet") { Description = "Wavelet of the wavelet-packet image (db1..db10 or haar, sym2..sym10)", DefaultValueFactory = _ => "db4" };
    public static readonly Option<int> WaveletDepth = new("--wavelet-depth") { Description = "Wavelet-packet depth of the wavelet-packet image", DefaultValueFactory = _ => 2 };

    public static readonly Option<int> Epochs = new("--epochs") { Description = "Networks: maximum training epochs", DefaultValueFactory = _ => 30 };
    public static readonly Option<int> BatchSize = new("--batch-size") { Description = "Networks: mini-batch size", DefaultValueFactory = _ => 64 };
    public static readonly Option<double> LearningRate = new("--learning-rate") { Description = "Networks: initial AdamW learning rate (cosine-annealed)", DefaultValueFactory = _ => 1e-3 };
    public static readonly Option<int> Patience = new("--patience") { Description = "Networks: early-stopping patience in epochs on held-out training recordings (0 = off)", DefaultValueFactory = _ => 8 };
    public static readonly Option<bool> Pretrain = new("--pretrain") { Description = "Networks: layer-wise autoencoder pre-training of the convolution layers" };
    public static readonly Option<int> PretrainEpochs = new("--pretrain-epochs") { Description = "Networks: pre-training epochs per convolution layer", DefaultValueFactory = _ => 5 };
    public static readonly Option<int> Threads = new("--threads") { Description = "Networks: training threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static readonly Option<int> MajorityVote = new("--majority-vote") { Description = "Majority vote over the last N decisions (1 = off)", DefaultValueFactory = _ => 1 };
    public static readonly Option<double> Reject = new("--reject-below") { Description = "Reject decisions whose probability is below this (0 = never)", DefaultValueFactory = _ => 0 };

    /// <summary>Adds the signal-path options; <paramref name="networkInputs"/> adds those of the network inputs (frames, spectrogram, wavelet image).</summary>
    public static void AddEncoder(Command command, bool networkInputs = true)
    {
        command.Options.Add(Features);
        command.Options.Add(LogAmplitude);
        command.Options.Add(WindowMs);
        command.Options.Add(StepMs);
        command.Options.Add(BandPass);
        command.Options.Add(LabelRule);
        if (!networkInputs) return;
        command.Options.Add(FrameMs);
        command.Options.Add(FrameFeatures);
        command.Options.Add(SegmentSamples);
        command.Options.Add(Wavelet);
        command.Options.Add(WaveletDepth);
    }

    /// <summary>Adds the network training options (for commands that fit models).</summary>
    public static void AddNetwork(Command command)
    {
        foreach (var option in new Option[] { Epochs, BatchSize, LearningRate, Patience, Pretrain, PretrainEpochs, Threads })
            command.Options.Add(option);
    }

    /// <summary>The models named by <paramref name="option"/>, networks trained with the network options.</summary>
    public static IReadOnlyList<Pipeline.Models.ClassifierSpec> Models(ParseResult parse, Option<string> option) =>
        Pipeline.Models.ClassifierSpec.ParseList(parse.GetValue(option)!, Network(parse));

    /// <summary>Every model name, for help texts.</summary>
    public static string ModelNames => string.Join(", ", Pipeline.Models.ClassifierSpec.Names);

    public static Pipeline.Models.NetworkTrainingOptions Network(ParseResult parse) => new Pipeline.Models.NetworkTrainingOptions
    {
        Epochs = parse.GetValue(Epochs),
        BatchSize = parse.GetValue(BatchSize),
        LearningRate = parse.GetValue(LearningRate),
        Patience = parse.GetValue(Patience),
        Pretrain = parse.GetValue(Pretrain),
        PretrainEpochs = parse.GetValue(PretrainEpochs),
        Threads = parse.GetValue(Threads),
    }.Validated();

    public static FeatureEncoderOptions Encoder(ParseResult parse)
    {
        var options = new FeatureEncoderOptions
        {
            Features = parse.GetValue(Features)!,
            LogAmplitude = parse.GetValue(LogAmplitude),
            WindowMs = parse.GetValue(WindowMs),
            StepMs = parse.GetValue(StepMs),
            FrameMs = parse.GetValue(FrameMs),
            FrameFeatures = parse.GetValue(FrameFeatures),
            SegmentSamples = parse.GetValue(SegmentSamples),
            Wavelet = parse.GetValue(Wavelet)!,
            WaveletDepth = parse.GetValue(WaveletDepth),
        };
        var (rule, purity) = ParseLabelRule(parse.GetValue(LabelRule)!);
        options = options with { LabelRule = rule, LabelPurity = purity };
        if (parse.GetValue(BandPass) is { Length: 2 } band)
        {
            if (!(band[0] > 0 && band[1] > band[0]))
                throw new Pipeline.SemgException($"--band-pass {band[0]} {band[1]}: need 0 < LO < HI");
            options = options with { BandLowHz = band[0], BandHighHz = band[1] };
        }
        return options;
    }

    /// <summary><c>mode</c>, <c>last</c>, <c>pure</c> or <c>pure:F</c> with 0 &lt; F ≤ 1.</summary>
    internal static (WindowLabelRule Rule, double Purity) ParseLabelRule(string text)
    {
        var parts = text.Trim().Split(':');
        var rule = parts[0].ToLowerInvariant() switch
        {
            "mode" => WindowLabelRule.Mode,
            "last" => WindowLabelRule.Last,
            "pure" => WindowLabelRule.Pure,
            _ => throw new Pipeline.SemgException($"--label-rule '{text}': expected mode, last, pure or pure:F"),
        };
        if (parts.Length == 1) return (rule, 1.0);
        if (rule != WindowLabelRule.Pure || parts.Length > 2
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double purity)
            || !(purity > 0 && purity <= 1))
            throw new Pipeline.SemgException($"--label-rule '{text}': only pure takes a threshold, a fraction F with 0 < F ≤ 1 (e.g. pure:0.8)");
        return (rule, purity);
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
