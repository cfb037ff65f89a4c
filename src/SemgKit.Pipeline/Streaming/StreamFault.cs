namespace SemgKit.Pipeline.Streaming;

/// <summary>What can go wrong on a live stream. Every fault is counted, puts the output in the safe state, and—where
/// continuity of the samples is broken—resets the classifier's stream. None of them is ever an exception.</summary>
public enum StreamFault
{
    /// <summary>A packet or line ended before its declared length (connection dropped mid-packet, short datagram).</summary>
    Truncated,

    /// <summary>Bytes that are not a valid packet: wrong magic, bad header field, checksum mismatch (skipped while resynchronising).</summary>
    Corrupt,

    /// <summary>A packet from an unsupported protocol version.</summary>
    UnsupportedVersion,

    /// <summary>A packet whose channel count differs from the model's.</summary>
    WrongChannelCount,

    /// <summary>A packet whose sample rate differs from the model's.</summary>
    WrongSampleRate,

    /// <summary>Sequence numbers skipped frames (or went backwards): frames were lost or reordered.</summary>
    SequenceGap,

    /// <summary>A NaN or infinite sample; the packet is dropped.</summary>
    NonFiniteSample,

    /// <summary>A text line that is not a frame of numbers (stdin CSV).</summary>
    Malformed,

    /// <summary>The source disconnected (the TCP source then waits for a new connection).</summary>
    Disconnected,

    /// <summary>No data for longer than the watchdog period.</summary>
    Stall,
}
