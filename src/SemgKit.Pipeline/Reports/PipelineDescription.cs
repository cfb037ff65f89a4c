namespace SemgKit.Pipeline.Reports;

/// <summary>The signal path from raw samples to feature rows.</summary>
public sealed record PipelineDescription(
    string Filter,
    double WindowMs,
    double StepMs,
    IReadOnlyList<string> Features,
    int FeatureCount);
