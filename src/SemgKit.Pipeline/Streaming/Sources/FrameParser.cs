using System.Buffers.Binary;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// Robust receiver side of the <see cref="FrameProtocol"/>: reassembles packets from a TCP byte stream
/// (<see cref="Append"/>) or takes one packet per UDP datagram (<see cref="ParseDatagram"/>), validates them against
/// the expected channel count and rate, checks sequence continuity, decodes samples to float and hands whole frames to
/// an <see cref="IFrameConsumer"/>. Malformed input of any kind becomes a counted <see cref="StreamFault"/>, never an
/// exception. Allocation-free after construction.
/// </summary>
public sealed class FrameParser
{
    private readonly IFrameConsumer _consumer;
    private readonly int _channels;
    private readonly double _sampleRateHz;
    private readonly byte[] _buffer = new byte[2 * FrameProtocol.MaxPacketBytes];
    private readonly float[] _samples = new float[(FrameProtocol.MaxPacketBytes - FrameProtocol.HeaderBytes) / 2];
    private int _start;
    private int _count;
    private uint _expected;
    private bool _haveExpected;
    private bool _resynchronising;

    /// <param name="channelCount">Channels the model expects.</param>
    /// <param name="sampleRateHz">Rate the model expects (packets may differ by at most 0.1 %).</param>
    public FrameParser(int channelCount, double sampleRateHz, IFrameConsumer consumer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentNullException.ThrowIfNull(consumer);
        _channels = channelCount;
        _sampleRateHz = sampleRateHz;
        _consumer = consumer;
    }

    /// <summary>Valid packets delivered.</summary>
    public long Packets { get; private set; }

    /// <summary>Frames delivered.</summary>
    public long Frames { get; private set; }

    /// <summary>Bytes skipped while resynchronising after corrupt input.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Forgets buffered bytes and the expected sequence number (a new connection).</summary>
    public void Reset()
    {
        _start = 0;
        _count = 0;
        _haveExpected = false;
        _resynchronising = false;
    }

    /// <summary>Parses one UDP datagram, which must hold exactly one packet.</summary>
    /// <param name="arrivalMicroseconds">When the datagram was received.</param>
    public void ParseDatagram(ReadOnlySpan<byte> datagram, long arrivalMicroseconds)
    {
        if (datagram.Length < FrameProtocol.HeaderBytes)
        {
            bool looksLikeOurs = datagram.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(datagram) == FrameProtocol.MagicValue;
            _consumer.OnFault(looksLikeOurs ? StreamFault.Truncated : StreamFault.Corrupt, 1, false);
            return;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(datagram) == FrameProtocol.MagicValue && datagram[4] != FrameProtocol.Version)
        {
            _consumer.OnFault(StreamFault.UnsupportedVersion, 1, false);
            return;
        }
        if (!FrameProtocol.TryReadHeader(datagram, out var header))
        {
            _consumer.OnFault(StreamFault.Corrupt, 1, false);
            return;
        }
        if (datagram.Length < header.PacketBytes)
        {
            _consumer.OnFault(StreamFault.Truncated, 1, false);
            return;
        }
        if (datagram.Length > header.PacketBytes || !CrcMatches(datagram[..header.PacketBytes]))
        {
            _consumer.OnFault(StreamFault.Corrupt, 1, false);
            return;
        }
        Deliver(datagram, header, arrivalMicroseconds);
    }

    /// <summary>Appends bytes received from a stream and delivers every packet they complete.</summary>
    /// <param name="arrivalMicroseconds">When these bytes were received (the arrival time of packets they complete).</param>
    public void Append(ReadOnlySpan<byte> bytes, long arrivalMicroseconds)
    {
        while (!bytes.IsEmpty)
        {
            if (_start > 0 && _start + _count + bytes.Length > _buffer.Length)
            {
                _buffer.AsSpan(_start, _count).CopyTo(_buffer);
                _start = 0;
            }
            int take = Math.Min(bytes.Length, _buffer.Length - _start - _count);
            bytes[..take].CopyTo(_buffer.AsSpan(_start + _count));
            _count += take;
            bytes = bytes[take..];
            Drain(arrivalMicroseconds);
        }
    }

    /// <summary>The stream ended (connection closed): leftover bytes are a truncated packet.</summary>
    public void EndOfStream()
    {
        if (_count > 0)
            _consumer.OnFault(StreamFault.Truncated, 1, true);
        Reset();
    }

    private void Drain(long arrival)
    {
        while (_count >= 4)
        {
            var span = _buffer.AsSpan(_start, _count);
            if (BinaryPrimitives.ReadUInt32LittleEndian(span) != FrameProtocol.MagicValue)
            {
                int at = span[1..].IndexOf(FrameProtocol.Magic);
                int skip = at < 0 ? _count - 3 : at + 1;
                Skip(skip);
                continue;
            }
            if (_count < FrameProtocol.HeaderBytes) return;
            if (span[4] != FrameProtocol.Version)
            {
                _consumer.OnFault(StreamFault.UnsupportedVersion, 1, true);
                _haveExpected = false;
                Consume(4);
                continue;
            }
            if (!FrameProtocol.TryReadHeader(span, out var header))
            {
                Skip(1);
                continue;
            }
            if (_count < header.PacketBytes) return;
            var packet = span[..header.PacketBytes];
            if (!CrcMatches(packet))
            {
                Skip(1);
                continue;
            }
            Deliver(packet, header, arrival);
            Consume(header.PacketBytes);
        }
    }

    private void Skip(int bytes)
    {
        if (!_resynchronising)
        {
            _resynchronising = true;
            _consumer.OnFault(StreamFault.Corrupt, 1, false);
        }
        SkippedBytes += bytes;
        Consume(bytes);
    }

    private void Consume(int bytes)
    {
        _start += bytes;
        _count -= bytes;
        if (_count == 0) _start = 0;
    }

    private static bool CrcMatches(ReadOnlySpan<byte> packet)
    {
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(packet[24..]);
        uint actual = Crc32.Append(Crc32.Compute(packet[..24]), packet[FrameProtocol.HeaderBytes..]);
        return stored == actual;
    }

    private void Deliver(ReadOnlySpan<byte> packet, in FrameHeader header, long arrival)
    {
        _resynchronising = false;
        uint next = unchecked(header.Sequence + (uint)header.FrameCount);
        if (header.ChannelCount != _channels)
        {
            _consumer.OnFault(StreamFault.WrongChannelCount, 1, true);
            _expected = next;
            _haveExpected = true;
            return;
        }
        if (Math.Abs(header.SampleRateHz - _sampleRateHz) > 1e-3 * _sampleRateHz)
        {
            _consumer.OnFault(StreamFault.WrongSampleRate, 1, true);
            _expected = next;
            _haveExpected = true;
            return;
        }
        if (_haveExpected && header.Sequence != _expected)
        {
            uint ahead = unchecked(header.Sequence - _expected);
            _consumer.OnFault(StreamFault.SequenceGap, ahead < int.MaxValue ? ahead : 1, true);
        }
        _expected = next;
        _haveExpected = true;

        int values = header.FrameCount * header.ChannelCount;
        var payload = packet[FrameProtocol.HeaderBytes..];
        var samples = _samples.AsSpan(0, values);
        bool finite = true;
        if (header.Format == SampleFormat.Float32)
        {
            for (int i = 0; i < values; i++)
            {
                float v = BinaryPrimitives.ReadSingleLittleEndian(payload[(4 * i)..]);
                finite &= float.IsFinite(v);
                samples[i] = v;
            }
        }
        else
        {
            float scale = header.Scale;
            for (int i = 0; i < values; i++)
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(payload[(2 * i)..]) * scale;
            for (int i = 0; i < values; i++)
                finite &= float.IsFinite(samples[i]);
        }
        if (!finite)
        {
            _consumer.OnFault(StreamFault.NonFiniteSample, 1, true);
            return;
        }
        Packets++;
        Frames += header.FrameCount;
        _consumer.OnFrames(samples, arrival);
    }
}
