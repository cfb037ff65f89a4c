using System.Buffers.Binary;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// The SemgKit binary frame protocol (version 1) for live sEMG over TCP and UDP; the same text is in
/// <c>docs/frame-protocol.md</c>.
/// </summary>
/// <remarks>
/// <para>A stream is a sequence of packets. Over UDP each datagram holds exactly one packet; over TCP packets follow each
/// other back to back on the byte stream. All numbers are little-endian. A packet is a 28-byte header followed by the
/// samples:</para>
/// <code>
/// offset size type     field
///  0     4    bytes    magic "SEMG" (0x53 0x45 0x4D 0x47)
///  4     1    uint8    version = 1
///  5     1    uint8    sample format: 1 = int16, 2 = float32
///  6     2    uint16   channel count C (1..1024)
///  8     4    float32  sample rate, Hz (finite, > 0)
/// 12     4    float32  scale: int16 sample value = raw × scale (e.g. mV per count); float32 packets write 1
/// 16     4    uint32   sequence number: index of this packet's first frame since the sender started, mod 2^32
/// 20     2    uint16   frame count N (1..65535)
/// 22     2    uint16   reserved, 0
/// 24     4    uint32   CRC-32 (IEEE, as zlib.crc32) of header bytes 0..23 followed by the payload
/// 28     N·C·size      samples, frame-major: frame 0 channel 0..C-1, frame 1 channel 0..C-1, ...
/// </code>
/// <para>A packet is at most <see cref="MaxPacketBytes"/> bytes (it fits a UDP datagram).</para>
/// <para>Receiver rules (what <see cref="FrameParser"/> does): a packet with a bad magic, an impossible header field or
/// a CRC mismatch is <em>corrupt</em>: over TCP the receiver skips ahead to the next "SEMG" and resynchronises. A packet
/// whose channel count or rate differs from the model's, or that holds a NaN or infinite sample, is dropped. The next
/// sequence number expected is sequence + N; any other value is a <em>gap</em> (lost, duplicated or reordered frames).
/// Every such event is counted, puts the output in the safe state, and—when samples were lost—restarts the classifier
/// stream. A TCP connection that closes mid-packet is <em>truncated</em>. Senders start the sequence at 0 on every new
/// connection.</para>
/// </remarks>
public static class FrameProtocol
{
    public const byte Version = 1;
    public const int HeaderBytes = 28;
    public const int MaxChannels = 1024;
    public const int MaxPacketBytes = 65507;

    /// <summary>"SEMG" read as a little-endian uint32.</summary>
    public const uint MagicValue = 0x474D4553;

    public static ReadOnlySpan<byte> Magic => "SEMG"u8;

    /// <summary>Size of one sample in bytes.</summary>
    public static int SampleBytes(SampleFormat format) => format == SampleFormat.Int16 ? 2 : 4;

    /// <summary>The most frames of <paramref name="channels"/> channels one packet can hold.</summary>
    public static int MaxFramesPerPacket(int channels, SampleFormat format) =>
        Math.Min(ushort.MaxValue, (MaxPacketBytes - HeaderBytes) / (channels * SampleBytes(format)));

    /// <summary>
    /// Encodes frame-major <paramref name="frames"/> (a whole number of <paramref name="channels"/>-channel frames) as one
    /// packet into <paramref name="destination"/>; returns the bytes written. int16 samples are rounded from value / scale
    /// and saturated. Allocates nothing.
    /// </summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<float> frames, int channels, float sampleRateHz, SampleFormat format, float scale, uint sequence)
    {
        if (channels < 1 || channels > MaxChannels) throw new ArgumentOutOfRangeException(nameof(channels));
        if (frames.Length % channels != 0) throw new ArgumentException("not a whole number of frames", nameof(frames));
        int n = frames.Length / channels;
        if (n < 1 || n > MaxFramesPerPacket(channels, format)) throw new ArgumentOutOfRangeException(nameof(frames), $"{n} frames do not fit one packet");
        var header = new FrameHeader(Version, format, channels, sampleRateHz, format == SampleFormat.Int16 ? scale : 1f, sequence, n);
        int total = header.PacketBytes;
        if (destination.Length < total) throw new ArgumentException("destination too small", nameof(destination));
        WriteHeader(destination, header);
        var payload = destination.Slice(HeaderBytes, header.PayloadBytes);
        if (format == SampleFormat.Float32)
        {
            for (int i = 0; i < frames.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(payload[(4 * i)..], frames[i]);
        }
        else
        {
            float inverse = 1f / scale;
            for (int i = 0; i < frames.Length; i++)
            {
                float raw = MathF.Round(frames[i] * inverse);
                short v = float.IsNaN(raw) ? (short)0 : (short)Math.Clamp(raw, short.MinValue, short.MaxValue);
                BinaryPrimitives.WriteInt16LittleEndian(payload[(2 * i)..], v);
            }
        }
        uint crc = Crc32.Append(Crc32.Compute(destination[..24]), payload);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], crc);
        return total;
    }

    /// <summary>Writes the 28-byte header with a zero CRC field.</summary>
    public static void WriteHeader(Span<byte> destination, in FrameHeader header)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, MagicValue);
        destination[4] = header.Version;
        destination[5] = (byte)header.Format;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)header.ChannelCount);
        BinaryPrimitives.WriteSingleLittleEndian(destination[8..], header.SampleRateHz);
        BinaryPrimitives.WriteSingleLittleEndian(destination[12..], header.Scale);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], header.Sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], (ushort)header.FrameCount);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], 0);
    }

    /// <summary>
    /// Reads a header from the first <see cref="HeaderBytes"/> of <paramref name="source"/> and checks its fields
    /// (magic, format, channel count, rate, frame count, size). Returns false for a header that cannot be valid;
    /// the version is returned as read so the caller can report an unsupported one.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> source, out FrameHeader header)
    {
        header = default;
        if (source.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(source) != MagicValue) return false;
        var format = (SampleFormat)source[5];
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        float rate = BinaryPrimitives.ReadSingleLittleEndian(source[8..]);
        float scale = BinaryPrimitives.ReadSingleLittleEndian(source[12..]);
        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]);
        int frames = BinaryPrimitives.ReadUInt16LittleEndian(source[20..]);
        header = new FrameHeader(source[4], format, channels, rate, scale, sequence, frames);
        if (format is not (SampleFormat.Int16 or SampleFormat.Float32)) return false;
        if (channels < 1 || channels > MaxChannels || frames < 1) return false;
        if (!float.IsFinite(rate) || rate <= 0) return false;
        if (format == SampleFormat.Int16 && (!float.IsFinite(scale) || scale == 0)) return false;
        return header.PacketBytes <= MaxPacketBytes;
    }
}
