namespace SemgKit.Pipeline.Data;

/// <summary>
/// A set of recordings sharing channel layout, sample rate and class list.
/// Every reader returns one (a single file is a dataset of one recording).
/// </summary>
public sealed class Dataset
{
    public Dataset(
        string name,
        IReadOnlyList<string> classNames,
        IReadOnlyList<Recording> recordings,
        string? source = null,
        IReadOnlyList<string>? notes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(recordings);
        if (recordings.Count > 0)
        {
            var first = recordings[0];
            foreach (var r in recordings)
            {
                if (r.ChannelCount != first.ChannelCount)
                    throw new ArgumentException($"{r.Metadata.Source} has {r.ChannelCount} channels, {first.Metadata.Source} has {first.ChannelCount}.");
                if (r.SampleRateHz != first.SampleRateHz)
                    throw new ArgumentException($"{r.Metadata.Source} is sampled at {r.SampleRateHz} Hz, {first.Metadata.Source} at {first.SampleRateHz} Hz.");
                foreach (int label in r.Labels)
                {
                    if (label != Recording.NoLabel && (uint)label >= (uint)classNames.Count)
                        throw new ArgumentException($"{r.Metadata.Source} has label {label}, but the dataset has {classNames.Count} classes.");
                }
            }
        }
        Name = name;
        ClassNames = classNames;
        Recordings = recordings;
        Source = source;
        Notes = notes ?? [];
    }

    /// <summary>Dataset name (catalog name, manifest name or file name).</summary>
    public string Name { get; }

    /// <summary>Class names; recording labels index this list.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    public IReadOnlyList<Recording> Recordings { get; }

    /// <summary>The folder or file the dataset was read from; null for generated data.</summary>
    public string? Source { get; }

    /// <summary>What the reader did that a user should know (e.g. "dropped 2Npie.txt: duplicate of 1Npie.txt").</summary>
    public IReadOnlyList<string> Notes { get; }

    public int ChannelCount => Recordings.Count == 0 ? 0 : Recordings[0].ChannelCount;

    public double SampleRateHz => Recordings.Count == 0 ? double.NaN : Recordings[0].SampleRateHz;

    public IReadOnlyList<string> ChannelNames => Recordings.Count == 0 ? [] : Recordings[0].ChannelNames;

    /// <summary>Distinct subjects in order of first appearance.</summary>
    public IReadOnlyList<string> Subjects => Recordings.Select(r => r.Metadata.Subject).Distinct().ToArray();

    public double TotalSeconds => Recordings.Sum(r => r.DurationSeconds);

    /// <summary>Index of <paramref name="className"/> (ordinal, case-insensitive), or -1.</summary>
    public int ClassIndex(string className)
    {
        for (int i = 0; i < ClassNames.Count; i++)
        {
            if (string.Equals(ClassNames[i], className, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// The "no motion" class: the first class named rest, neutral, no motion (any case, '-', '_' or ' ' between words), or -1.
    /// Used by myoelectric metrics (active error) and by device commands (the safe state).
    /// </summary>
    public int RestClassIndex => RestClassOf(ClassNames);

    /// <inheritdoc cref="RestClassIndex"/>
    public static int RestClassOf(IReadOnlyList<string> classNames)
    {
        for (int i = 0; i < classNames.Count; i++)
        {
            string n = new(classNames[i].Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
            if (n is "rest" or "neutral" or "nomotion" or "relax" or "relaxed")
                return i;
        }
        return -1;
    }

    /// <summary>A dataset with the same classes holding only the recordings that satisfy <paramref name="keep"/>.</summary>
    public Dataset Where(Func<Recording, bool> keep) =>
        new(Name, ClassNames, Recordings.Where(keep).ToArray(), Source, Notes);
}
