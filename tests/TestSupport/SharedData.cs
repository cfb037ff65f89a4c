using Xunit;

namespace SemgKit.TestSupport;

/// <summary>
/// The real public datasets in <c>../shared/datasets</c>. Tests that need them call <see cref="Require"/>,
/// which skips the test with a clear message where the folder is absent (a user's machine).
/// </summary>
public static class SharedData
{
    public const string UciLowerLimb = "uci-lower-limb";
    public const string CoteAllard = "myo-armband-coteallard";
    public const string Elderly = "elderly-lower-limb-isometric";
    public const string Ciil = "ciil-myo-electrode-shift";

    public static string DatasetsRoot => Path.Combine(RepoPaths.Shared, "datasets");

    /// <summary>The folder of dataset <paramref name="name"/>, or skips the calling test if it is not present.</summary>
    public static string Require(string name)
    {
        var path = Path.Combine(DatasetsRoot, name);
        if (!Directory.Exists(path))
            Assert.Skip($"Shared dataset '{name}' not found at {path} (../shared is absent on this machine); skipping.");
        return path;
    }

    /// <summary>A folder or file under <c>../shared</c> (e.g. "golden/libemg-matlab"), or skips the calling test.</summary>
    public static string RequireShared(string relativePath)
    {
        var path = Path.Combine(RepoPaths.Shared, relativePath);
        if (!Directory.Exists(path) && !File.Exists(path))
            Assert.Skip($"'{relativePath}' not found at {path} (../shared is absent on this machine); skipping.");
        return path;
    }
}
