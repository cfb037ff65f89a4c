using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Pipeline.Simulation;
using SemgKit.Pipeline.Training;

namespace SemgKit.Pipeline.Tests.Models;

/// <summary>A small synthetic dataset and an LDA bundle trained on its first repetitions, shared by tests.</summary>
internal static class TrainedModels
{
    private static readonly Lazy<(Dataset Data, EmgModel Model)> Small = new(() =>
    {
        var data = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 1, RepetitionCount = 3, ClassCount = 4 }, 11);
        var train = data.Recordings.Where(r => r.Metadata.Trial <= 2).ToArray();
        var result = ModelTrainer.Train(new ModelTrainer.Request(data, train, new FeatureEncoderOptions(), ClassifierSpec.Lda, PostProcessingOptions.None, 11));
        return (data, result.Model);
    });

    private static readonly Lazy<EmgModel> MultiScale = new(() =>
    {
        var train = Data.Recordings.Where(r => r.Metadata.Trial <= 2).ToArray();
        var encoder = new FeatureEncoderOptions { Features = "TDFD,Hudgins@100,RMS@50", LogAmplitude = true, WindowMs = 400, StepMs = 50 };
        return ModelTrainer.Train(new ModelTrainer.Request(Data, train, encoder, ClassifierSpec.Lda, PostProcessingOptions.None, 11)).Model;
    });

    public static Dataset Data => Small.Value.Data;

    public static EmgModel Lda => Small.Value.Model;

    /// <summary>LDA on log-amplitude features at three time scales (400 ms window, its last 100 ms and 50 ms).</summary>
    public static EmgModel LdaMultiScale => MultiScale.Value;
}
