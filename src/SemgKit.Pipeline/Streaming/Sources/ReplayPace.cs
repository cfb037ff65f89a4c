namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>How fast a recording is replayed or sent.</summary>
public enum ReplayPace
{
    /// <summary>At the recording's sample rate: a timer releases the frames that are due every chunk period.</summary>
    Realtime,

    /// <summary>As fast as the consumer takes them.</summary>
    Max,
}
