using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.PostProcessing;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// The JSON head of a model bundle: everything needed to rebuild the signal path exactly as trained
/// (channels, rate, filter and window spec, features, classes, post-processing) plus provenance.
/// </summary>
public sealed record ModelManifest
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> ClassNames { get; init; }

    public required IReadOnlyList<string> ChannelNames { get; init; }

    public required double SampleRateHz { get; init; }

    /// <summary>Preprocessing, windowing and features.</summary>
    public required FeatureEncoderOptions Encoder { get; init; }

    /// <summary>Learner name as given to <c>--model</c> (e.g. "lda").</summary>
    public required string Model { get; init; }

    public PostProcessingOptions PostProcessing { get; init; } = PostProcessingOptions.None;

    /// <summary>Dataset the model was trained on (name and source).</summary>
    public string? TrainedOn { get; init; }

    public int TrainingWindows { get; init; }

    public int TrainingRecordings { get; init; }

    public int Seed { get; init; }

    /// <summary>
    /// Per class, the training recordings' log RMS per channel (<see cref="Data.ArmbandRotation.Patterns"/>; null for a class
    /// without samples; the whole list null in bundles saved before it was kept): the reference a ring armband put back on
    /// rotated is recalibrated against (<see cref="Data.ArmbandRotation.Recalibrate"/>).
    /// </summary>
    public IReadOnlyList<double[]?>? ChannelPatterns { get; init; }

    /// <summary>The training recordings' log RMS per channel over all samples (<see cref="Data.ArmbandRotation.PooledPattern"/>): the reference of an unlabelled recalibration.</summary>
    public double[]? PooledChannelPattern { get; init; }

    public string CreatedBy { get; init; } = "semgkit " + (typeof(ModelManifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
