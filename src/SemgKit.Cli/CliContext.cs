using Spectre.Console;

namespace SemgKit.Cli;

/// <summary>What every command needs from the outside world: where to write, and whether to be verbose.</summary>
/// <param name="Console">Standard output (tables, results).</param>
/// <param name="Error">Standard error (progress, warnings, errors).</param>
/// <param name="Interactive">True when stdout is a terminal (progress bars are drawn only then).</param>
/// <param name="ErrorInteractive">True when stderr is a terminal (live status lines are drawn only then).</param>
/// <param name="Input">Standard input (null: the process's stdin).</param>
public sealed record CliContext(IAnsiConsole Console, TextWriter Error, bool Interactive, bool ErrorInteractive = false, TextReader? Input = null)
{
    /// <summary>Standard output as plain text (JSON lines, machine-readable output).</summary>
    public TextWriter Out => Console.Profile.Out.Writer;

    public TextReader In => Input ?? System.Console.In;
}
