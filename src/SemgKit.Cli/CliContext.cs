using Spectre.Console;

namespace SemgKit.Cli;

/// <summary>What every command needs from the outside world: where to write, and whether to be verbose.</summary>
/// <param name="Console">Standard output (tables, results).</param>
/// <param name="Error">Standard error (progress, warnings, errors).</param>
/// <param name="Interactive">True when stdout is a terminal (progress bars are drawn only then).</param>
public sealed record CliContext(IAnsiConsole Console, TextWriter Error, bool Interactive);
