namespace SemgKit.Pipeline.Reports;

/// <summary>One training epoch: losses and accuracies on training and validation data (NaN where not measured).</summary>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double LearningRate);
