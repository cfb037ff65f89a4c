namespace SemgKit.Neural;

/// <summary>Process-wide engine settings.</summary>
public static class Engine
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on threads passed to the matrix kernels (default: processor count; 1 = calling thread only).</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one thread.");
    }
}
