namespace SemgKit.Pipeline.Streaming;

/// <summary>The kinds of <see cref="StreamAddress"/>.</summary>
public enum StreamAddressKind
{
    Tcp,
    Udp,
    Stdin,
    Stdout,
    Replay,
}
