using System.Diagnostics;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;

namespace SemgKit.Pipeline.Training;

/// <summary>Fits a model (feature learner or network) on recordings and packs it into an <see cref="EmgModel"/> bundle.</summary>
public static class ModelTrainer
{
    /// <summary>What <see cref="Train"/> needs.</summary>
    /// <param name="Recordings">Training recordings (all of them are used).</param>
    public sealed record Request(
        Dataset Dataset,
        IReadOnlyList<Recording> Recordings,
        FeatureEncoderOptions Encoder,
        ClassifierSpec Model,
        PostProcessingOptions PostProcessing,
        int Seed = 1);

    /// <summary>The fitted bundle, its training windows and fit time.</summary>
    public sealed record Result(EmgModel Model, int TrainingWindows, double TrainSeconds);

    public static Result Train(Request request, CancellationToken cancellationToken = default)
    {
        var dataset = request.Dataset;
        var options = request.Model.EncoderFor(request.Encoder);
        var encoder = new FeatureWindowEncoder(options, dataset.SampleRateHz, dataset.ChannelCount, dataset.ClassNames.Count);
        var windows = encoder.EncodeAll(request.Recordings, cancellationToken);
        var present = windows.Labels.Distinct().Count();
        if (present < 2)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: training windows hold {present} class(es); at least two are needed");
        var clock = Stopwatch.StartNew();
        var classifier = StandardizedClassifier.Fit(request.Model, Evaluation.FeatureEvaluation.TrainingSetOf(windows, request.Recordings, encoder, request.Seed), cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        var manifest = new ModelManifest
        {
            Name = $"{request.Model.Name} on {dataset.Name}",
            ClassNames = dataset.ClassNames,
            ChannelNames = dataset.ChannelNames,
            SampleRateHz = dataset.SampleRateHz,
            Encoder = options,
            Model = request.Model.Name,
            PostProcessing = request.PostProcessing.Validated(),
            TrainedOn = dataset.Source ?? dataset.Name,
            TrainingWindows = windows.Count,
            TrainingRecordings = request.Recordings.Count,
            Seed = request.Seed,
            ChannelPatterns = Data.ArmbandRotation.Patterns(request.Recordings, dataset.ClassNames.Count),
            PooledChannelPattern = Data.ArmbandRotation.PooledPattern(request.Recordings),
        };
        return new Result(new EmgModel(manifest, classifier), windows.Count, seconds);
    }
}
