using Spectre.Console;

namespace SemgKit.Cli.Tests;

/// <summary>Runs <c>semg</c> in-process with captured stdout/stderr.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="input"/> as standard input.</summary>
    public static Result RunWithInput(string? input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        int code = Program.Run(args, new CliContext(console, stderr, Interactive: false, ErrorInteractive: false, Input: input is null ? null : new StringReader(input)), TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
