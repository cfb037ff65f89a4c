using System.CommandLine;

namespace SemgKit.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print stack traces and extra detail on errors",
        Recursive = true,
    };

    public static readonly Option<string?> DataRoot = new("--data-root")
    {
        Description = "Folder holding named datasets (default: $SEMG_DATA, then ../shared/datasets if present)",
        Recursive = true,
    };
}
