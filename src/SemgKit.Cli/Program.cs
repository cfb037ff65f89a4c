using System.CommandLine;
using SemgKit.Cli.Commands;
using SemgKit.Pipeline;
using Spectre.Console;

namespace SemgKit.Cli;

/// <summary>
/// <c>semg</c>: the SemgKit command-line tool. Exit codes: 0 success, 1 bad input or domain error (one line on stderr),
/// 2 usage error, 130 cancelled, 70 internal error (a bug; stack trace with --verbose).
/// </summary>
public static class Program
{
    public const int ExitOk = 0, ExitError = 1, ExitUsage = 2, ExitInternal = 70, ExitCancelled = 130;

    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        var console = Console.IsOutputRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(Console.Out),
            })
            : AnsiConsole.Console;
        if (Console.IsOutputRedirected)
            console.Profile.Width = 200;
        return Run(args, new CliContext(console, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected), cts.Token);
    }

    /// <summary>Runs <c>semg</c> with <paramref name="args"/> against <paramref name="context"/> (tests pass captured writers).</summary>
    public static int Run(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        bool verbose = parse.GetValue(GlobalOptions.Verbose);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                context.Error.WriteLine($"semg: {error.Message}");
            context.Error.WriteLine($"Try 'semg {string.Join(' ', CommandPath(parse.CommandResult))} --help'.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitUsage;
        }
        try
        {
            return parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Console.Profile.Out.Writer, Error = context.Error }, cancellationToken)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("semg: cancelled");
            return ExitCancelled;
        }
        catch (SemgException e)
        {
            context.Error.WriteLine($"semg: error: {e.Message}");
            if (verbose) context.Error.WriteLine(e);
            return ExitError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"semg: error: {e.Message}");
            if (verbose) context.Error.WriteLine(e);
            return ExitError;
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"semg: internal error: {e.GetType().Name}: {e.Message} (this is a bug; run with --verbose for the stack trace)");
            if (verbose) context.Error.WriteLine(e);
            return ExitInternal;
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("semg — surface EMG movement recognition: datasets, signal processing, models, evaluation, live control.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.DataRoot);
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(DatasetsCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(CrossvalCommand.Create(context));
        root.Subcommands.Add(ExperimentCommand.Create(context));
        root.Subcommands.Add(FeaturesCommand.Create(context));
        root.Subcommands.Add(SendCommand.Create(context));
        root.Subcommands.Add(StreamCommand.Create(context));
        root.Subcommands.Add(MotionTestCommand.Create(context));
        root.Subcommands.Add(LoadTestCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        return root;
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Push(r.Command.Name);
        return names;
    }
}
