using Spectre.Console;

namespace SemgKit.Cli;

/// <summary>
/// Runs work that reports (done, total, stage): a progress bar on an interactive terminal, otherwise one line on
/// stderr per stage, so logs stay readable.
/// </summary>
internal static class Progress
{
    public static T Run<T>(CliContext context, string title, Func<IProgress<(int Done, int Total, string Stage)>, T> work)
    {
        if (!context.Interactive)
        {
            string last = "";
            return work(new Reporter(p =>
            {
                if (p.Stage == last) return;
                last = p.Stage;
                context.Error.WriteLine($"[{p.Done}/{p.Total}] {p.Stage}");
            }));
        }
        T result = default!;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title));
                result = work(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{title}: {p.Stage}");
                }));
            });
        return result;
    }

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool, which reorders lines).</summary>
    private sealed class Reporter(Action<(int Done, int Total, string Stage)> report) : IProgress<(int Done, int Total, string Stage)>
    {
        public void Report((int Done, int Total, string Stage) value) => report(value);
    }
}
