namespace SemgKit.Pipeline.Reports;

/// <summary>What was evaluated on.</summary>
public sealed record DatasetDescription(
    string Name,
    string? Source,
    int Subjects,
    int Recordings,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Channels,
    double SampleRateHz,
    double Hours);
