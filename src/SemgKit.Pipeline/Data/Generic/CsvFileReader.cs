namespace SemgKit.Pipeline.Data.Generic;

/// <summary>
/// Reads one bare frame-major CSV file (no manifest) as a dataset of one recording. The sample rate must come
/// from <see cref="DatasetReadOptions.SampleRateHz"/> (<c>--sample-rate-hz</c>); a <c>label</c> column, if present, gives the classes
/// in order of first appearance.
/// </summary>
public sealed class CsvFileReader : IDatasetReader
{
    public string Name => "csv";

    public string Description => "a single frame-major CSV file (needs --sample-rate-hz)";

    public bool CanRead(string path) =>
        File.Exists(path) && (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                              || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
                              || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase));

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        if (options.SampleRateHz is not double rate)
            throw new DataFormatException(path, null, "a bare CSV file does not state its sample rate: pass --sample-rate-hz (or put it in a folder with a dataset.json)");
        var content = FrameCsv.Read(path, expectedChannels: null, cancellationToken, options.AllowNonFinite);
        var classes = new List<string>();
        var labels = new int[content.SampleCount];
        Array.Fill(labels, Recording.NoLabel);
        if (content.Labels is { } names)
        {
            for (int t = 0; t < names.Length; t++)
            {
                if (names[t] is not { } name) continue;
                int k = GenericDatasetReader.IndexOf(classes, name);
                if (k < 0)
                {
                    k = classes.Count;
                    classes.Add(name);
                }
                labels[t] = k;
            }
        }
        var metadata = new RecordingMetadata(Path.GetFullPath(path), Path.GetFileNameWithoutExtension(path));
        var recording = new Recording(content.ChannelMajor, rate, content.ChannelNames, labels, metadata);
        return new Dataset(Path.GetFileNameWithoutExtension(path), classes, [recording], Path.GetFullPath(path));
    }
}
