namespace SemgKit.Pipeline.Data.Readers;

/// <summary>The readers of the real datasets SemgKit knows by name (their <see cref="IDatasetReader.Name"/> is the folder name).</summary>
public static class BuiltInReaders
{
    /// <summary>UCI lower limb, Côté-Allard Myo armband, elderly lower-limb isometric, CIIL electrode shift.</summary>
    public static IReadOnlyList<IDatasetReader> All { get; } =
    [
        new UciLowerLimbReader(),
        new CoteAllardReader(),
        new ElderlyIsometricReader(),
        new CiilElectrodeShiftReader(),
    ];

    /// <summary>The built-in reader named <paramref name="name"/> (ordinal, case-insensitive), or null.</summary>
    public static IDatasetReader? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
