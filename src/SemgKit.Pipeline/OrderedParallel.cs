using System.Runtime.ExceptionServices;

namespace SemgKit.Pipeline;

/// <summary>
/// Runs independent work items in parallel, keeps results in input order, and rethrows the first failing item's
/// own exception (not an <see cref="AggregateException"/>) so domain errors reach the user as one line.
/// </summary>
internal static class OrderedParallel
{
    /// <param name="count">Number of items.</param>
    /// <param name="run">Work for item i.</param>
    /// <param name="cancellationToken">Stops scheduling new items.</param>
    /// <param name="onDone">Called with the number of items finished so far (may be concurrent).</param>
    /// <param name="maxDegreeOfParallelism">-1 for the default.</param>
    public static T[] Map<T>(int count, Func<int, T> run, CancellationToken cancellationToken, Action<int>? onDone = null, int maxDegreeOfParallelism = -1)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, count, options, (i, state) =>
        {
            try
            {
                results[i] = run(i);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[i] = e;
                state.Break();
                return;
            }
            onDone?.Invoke(Interlocked.Increment(ref done));
        });
        foreach (var e in errors)
        {
            if (e is not null)
                ExceptionDispatchInfo.Capture(e).Throw();
        }
        return results;
    }
}
