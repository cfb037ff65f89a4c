namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>How samples are encoded in a <see cref="FrameProtocol"/> packet (header byte 5).</summary>
public enum SampleFormat : byte
{
    /// <summary>Little-endian signed 16-bit integers; value = raw × scale.</summary>
    Int16 = 1,

    /// <summary>Little-endian IEEE 754 single precision; the scale is ignored (senders write 1).</summary>
    Float32 = 2,
}
