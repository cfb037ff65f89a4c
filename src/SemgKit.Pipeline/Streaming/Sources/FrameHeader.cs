namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>The decoded fixed part of a <see cref="FrameProtocol"/> packet.</summary>
/// <param name="Sequence">Index of the packet's first frame since the sender started, modulo 2^32.</param>
public readonly record struct FrameHeader(
    byte Version,
    SampleFormat Format,
    int ChannelCount,
    float SampleRateHz,
    float Scale,
    uint Sequence,
    int FrameCount)
{
    /// <summary>Bytes of samples after the header.</summary>
    public int PayloadBytes => FrameCount * ChannelCount * (Format == SampleFormat.Int16 ? 2 : 4);

    /// <summary>Header plus payload.</summary>
    public int PacketBytes => FrameProtocol.HeaderBytes + PayloadBytes;
}
