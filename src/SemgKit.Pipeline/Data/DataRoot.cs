namespace SemgKit.Pipeline.Data;

/// <summary>
/// Where named datasets live: <c>--data-root</c>, else the <c>SEMG_DATA</c> environment variable, else
/// <c>../shared/datasets</c> relative to the working folder (or to the repository holding the running program) if present.
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "SEMG_DATA";

    /// <summary>The data root, or null when none is given and no default folder exists.</summary>
    /// <param name="explicitRoot">The <c>--data-root</c> option, if given (must exist).</param>
    public static string? Resolve(string? explicitRoot)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            if (!Directory.Exists(explicitRoot))
                throw new SemgException($"--data-root '{explicitRoot}' is not a folder");
            return Path.GetFullPath(explicitRoot);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!Directory.Exists(fromEnvironment))
                throw new SemgException($"{EnvironmentVariable}='{fromEnvironment}' is not a folder");
            return Path.GetFullPath(fromEnvironment);
        }
        foreach (var start in new[] { Environment.CurrentDirectory, RepositoryOf(AppContext.BaseDirectory) })
        {
            if (start is null) continue;
            var candidate = Path.GetFullPath(Path.Combine(start, "..", "shared", "datasets"));
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static string? RepositoryOf(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SemgKit.sln")))
                return dir.FullName;
        }
        return null;
    }
}
