namespace SemgKit.Pipeline.Data;

/// <summary>
/// Reads one kind of dataset folder or file into a <see cref="Dataset"/>.
/// Errors are <see cref="DataFormatException"/>s naming the file and position.
/// </summary>
public interface IDatasetReader
{
    /// <summary>Catalog name (e.g. "uci-lower-limb"); also the folder name under the data root.</summary>
    string Name { get; }

    /// <summary>One line for <c>semg datasets</c>.</summary>
    string Description { get; }

    /// <summary>Cheap check (file names only, no parsing) that <paramref name="path"/> looks like this reader's data.</summary>
    bool CanRead(string path);

    /// <summary>Reads everything under <paramref name="path"/>.</summary>
    Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default);
}
