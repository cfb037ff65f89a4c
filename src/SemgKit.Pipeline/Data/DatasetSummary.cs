namespace SemgKit.Pipeline.Data;

/// <summary>The size of a dataset at a glance: subjects, classes, channels, rate, recordings and hours of signal.</summary>
public sealed record DatasetSummary(
    string Name,
    string? Source,
    int Subjects,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Channels,
    double SampleRateHz,
    int Recordings,
    double Hours,
    IReadOnlyList<string> Notes)
{
    public static DatasetSummary Of(Dataset dataset) => new(
        dataset.Name,
        dataset.Source,
        dataset.Subjects.Count,
        dataset.ClassNames,
        dataset.ChannelNames,
        dataset.SampleRateHz,
        dataset.Recordings.Count,
        dataset.TotalSeconds / 3600.0,
        dataset.Notes);
}
