namespace SemgKit.TestSupport;

/// <summary>Managed bytes a steady-state action allocates on the calling thread.</summary>
public static class Allocations
{
    /// <summary>
    /// The fewest bytes <paramref name="action"/> allocated in any of <paramref name="attempts"/> runs: a per-call allocation
    /// shows in every run, while a one-off runtime allocation (the tiered JIT promoting a method mid-run, under the load
    /// of parallel tests) does not recur, so this is 0 exactly when the code itself allocates nothing.
    /// </summary>
    public static long Fewest(Action action, int attempts = 3)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < attempts && fewest > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
