using SemgKit.Pipeline.Data.Formats.Edf;
using SemgKit.Pipeline.Data.Formats.Mat;
using SemgKit.Pipeline.Data.Generic;

namespace SemgKit.Pipeline.Data;

/// <summary>
/// Finds and opens datasets by path or by name. A path (file or folder) is read by the first reader whose
/// <see cref="IDatasetReader.CanRead"/> accepts it; a name is looked up as a folder under the data root
/// (<see cref="DataRoot"/>).
/// </summary>
public sealed class DatasetCatalog
{
    private readonly IReadOnlyList<IDatasetReader> _readers;

    /// <param name="readers">Readers in priority order.</param>
    /// <param name="dataRoot">Folder holding named datasets; null if none.</param>
    public DatasetCatalog(IEnumerable<IDatasetReader> readers, string? dataRoot)
    {
        _readers = readers.ToArray();
        DataRootPath = dataRoot;
    }

    /// <summary>All readers SemgKit ships, in priority order.</summary>
    public static IReadOnlyList<IDatasetReader> BuiltInReaders { get; } =
    [
        new GenericDatasetReader(),
        .. Data.Readers.BuiltInReaders.All,
        new MatRecordingReader(),
        new EdfRecordingReader(),
        new CsvFileReader(),
    ];

    /// <summary>The catalog with every built-in reader over the resolved data root.</summary>
    public static DatasetCatalog CreateDefault(string? explicitDataRoot = null) =>
        new(BuiltInReaders, DataRoot.Resolve(explicitDataRoot));

    public string? DataRootPath { get; }

    public IReadOnlyList<IDatasetReader> Readers => _readers;

    /// <summary>The named datasets present under the data root, with the reader for each.</summary>
    public IReadOnlyList<(string Name, string Path, IDatasetReader Reader)> Available()
    {
        var found = new List<(string, string, IDatasetReader)>();
        if (DataRootPath is null) return found;
        foreach (var dir in Directory.GetDirectories(DataRootPath).Order(StringComparer.Ordinal))
        {
            var reader = FindReader(dir);
            if (reader is not null)
                found.Add((Path.GetFileName(dir), dir, reader));
        }
        return found;
    }

    /// <summary>The reader for a path: a reader named like the folder first, then the first that accepts it.</summary>
    public IDatasetReader? FindReader(string path)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var r in _readers)
        {
            if (r.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && r.CanRead(path))
                return r;
        }
        return _readers.FirstOrDefault(r => r.CanRead(path));
    }

    /// <summary>Resolves <paramref name="nameOrPath"/> to a readable path and its reader, or throws a <see cref="SemgException"/> saying what was tried.</summary>
    public (string Path, IDatasetReader Reader) Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath) || Directory.Exists(nameOrPath))
        {
            var reader = FindReader(nameOrPath)
                ?? throw new SemgException($"{nameOrPath}: no reader for this {(Directory.Exists(nameOrPath) ? "folder (no dataset.json and not a known dataset layout)" : "file type")}; readable: {string.Join(", ", _readers.Select(r => r.Name))}");
            return (Path.GetFullPath(nameOrPath), reader);
        }
        if (DataRootPath is not null && !nameOrPath.Contains('/') && !nameOrPath.Contains('\\'))
        {
            var candidate = Path.Combine(DataRootPath, nameOrPath);
            if (Directory.Exists(candidate) && FindReader(candidate) is { } reader)
                return (candidate, reader);
        }
        var known = Available().Select(a => a.Name).ToArray();
        string where = DataRootPath is null
            ? "no data root (use --data-root or SEMG_DATA)"
            : $"data root {DataRootPath} has: {(known.Length == 0 ? "nothing readable" : string.Join(", ", known))}";
        throw new SemgException($"unknown dataset '{nameOrPath}': not a file or folder, and not a dataset name ({where})");
    }

    /// <summary>Opens <paramref name="nameOrPath"/> (a path, or a name under the data root).</summary>
    public Dataset Open(string nameOrPath, DatasetReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (path, reader) = Resolve(nameOrPath);
        return reader.Read(path, options ?? DatasetReadOptions.Default, cancellationToken);
    }
}
