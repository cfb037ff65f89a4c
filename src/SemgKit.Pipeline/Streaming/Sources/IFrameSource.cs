namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>Something that delivers frames to an <see cref="IFrameConsumer"/> until it ends or is cancelled.</summary>
public interface IFrameSource : IDisposable
{
    /// <summary>One line for status output, e.g. "tcp://127.0.0.1:5555".</summary>
    string Description { get; }

    /// <summary>Reads until the source ends (replay finished, stdin closed, connection limit reached) or <paramref name="cancellationToken"/> fires; faults go to the consumer.</summary>
    /// <param name="clock">Timestamps frames on arrival.</param>
    Task RunAsync(IFrameConsumer consumer, IMonotonicClock clock, CancellationToken cancellationToken);
}
