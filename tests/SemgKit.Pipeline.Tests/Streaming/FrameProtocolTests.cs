using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Streaming.Sources;

namespace SemgKit.Pipeline.Tests.Streaming;

public class FrameProtocolTests
{
    internal static byte[] Packet(float[] frames, int channels, uint sequence, float rate = 1000, SampleFormat format = SampleFormat.Float32, float scale = 1)
    {
        var buffer = new byte[FrameProtocol.MaxPacketBytes];
        int n = FrameProtocol.Write(buffer, frames, channels, rate, format, scale, sequence);
        return buffer[..n];
    }

    [Fact]
    public void Crc32MatchesZlib()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void HeaderLayoutIsAsDocumented()
    {
        var p = Packet([1f, 2f, 3f, 4f, 5f, 6f], 3, 42);
        Assert.Equal(FrameProtocol.HeaderBytes + 6 * 4, p.Length);
        Assert.Equal("SEMG"u8.ToArray(), p[..4]);
        Assert.Equal(1, p[4]);
        Assert.Equal(2, p[5]);
        Assert.Equal(3, BitConverter.ToUInt16(p, 6));
        Assert.Equal(1000f, BitConverter.ToSingle(p, 8));
        Assert.Equal(42u, BitConverter.ToUInt32(p, 16));
        Assert.Equal(2, BitConverter.ToUInt16(p, 20));
        Assert.Equal(4f, BitConverter.ToSingle(p, 28 + 3 * 4));
        Assert.Equal(Crc32.Append(Crc32.Compute(p.AsSpan(0, 24)), p.AsSpan(28)), BitConverter.ToUInt32(p, 24));
    }

    [Fact]
    public void Int16PacketsAreScaled()
    {
        var log = new FrameLog();
        var parser = new FrameParser(2, 1000, log);
        parser.ParseDatagram(Packet([0.5f, -0.25f, 1f, 32f], 2, 0, format: SampleFormat.Int16, scale: 1f / 1000), 0);
        Assert.Equal(0, log.FaultCount);
        var got = log.AllSamples.ToArray();
        Assert.Equal(4, got.Length);
        Assert.Equal(0.5f, got[0], 1e-4f);
        Assert.Equal(-0.25f, got[1], 1e-4f);
        Assert.Equal(32f * 1, got[3], 1e-2f);
        Assert.Equal(32.767f, Packet([40f], 1, 0, format: SampleFormat.Int16, scale: 1f / 1000) is var p ? BitConverter.ToInt16(p, 28) / 1000f : 0, 1e-4f);
    }

    [Fact]
    public void AnyTcpChunkingDeliversTheSameFrames()
    {
        var rng = new Random(5);
        var frames = Enumerable.Range(0, 4 * 300).Select(_ => (float)rng.NextDouble()).ToArray();
        var stream = new List<byte>();
        for (int f = 0, seq = 0; f < 300; f += 7, seq += 7)
        {
            int n = Math.Min(7, 300 - f);
            stream.AddRange(Packet(frames[(f * 4)..((f + n) * 4)], 4, (uint)seq));
        }
        var bytes = stream.ToArray();
        foreach (int chunk in new[] { 1, 3, 28, 29, 100, bytes.Length })
        {
            var log = new FrameLog();
            var parser = new FrameParser(4, 1000, log);
            for (int at = 0; at < bytes.Length; at += chunk)
                parser.Append(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)), at);
            parser.EndOfStream();
            Assert.Equal(0, log.FaultCount);
            Assert.Equal(frames, log.AllSamples.ToArray());
        }
    }

    [Fact]
    public void FaultsAreCountedAndNeverThrow()
    {
        var log = new FrameLog();
        var parser = new FrameParser(2, 1000, log);
        parser.ParseDatagram(Packet([1, 2], 2, 0), 0);
        parser.ParseDatagram(Packet([1, 2, 3], 3, 1), 0);                  // wrong channel count
        parser.ParseDatagram(Packet([1, 2], 2, 2, rate: 2000), 0);         // wrong rate
        parser.ParseDatagram(Packet([1, 2], 2, 10), 0);                    // gap of 7 frames
        parser.ParseDatagram(Packet([float.NaN, 2], 2, 11), 0);            // NaN
        var corrupt = Packet([1, 2], 2, 12);
        corrupt[30] ^= 0x40;
        parser.ParseDatagram(corrupt, 0);                                  // CRC mismatch
        parser.ParseDatagram(Packet([1, 2], 2, 13)[..20], 0);              // truncated
        var future = Packet([1, 2], 2, 13);
        future[4] = 9;
        parser.ParseDatagram(future, 0);                                   // unknown version
        parser.ParseDatagram("hello"u8, 0);                                // garbage
        Assert.Equal(1, log.Faults[StreamFault.WrongChannelCount]);
        Assert.Equal(1, log.Faults[StreamFault.WrongSampleRate]);
        Assert.Equal(1, log.Faults[StreamFault.SequenceGap]);
        Assert.Equal(7, log.Gaps);
        Assert.Equal(1, log.Faults[StreamFault.NonFiniteSample]);
        Assert.Equal(2, log.Faults[StreamFault.Corrupt]);
        Assert.Equal(1, log.Faults[StreamFault.Truncated]);
        Assert.Equal(1, log.Faults[StreamFault.UnsupportedVersion]);
        Assert.Equal(2, log.Chunks.Count);
    }

    [Fact]
    public void TcpStreamResynchronisesAfterGarbageAndReportsTruncation()
    {
        var log = new FrameLog();
        var parser = new FrameParser(1, 1000, log);
        var a = Packet([1, 2], 1, 0);
        var b = Packet([3, 4], 1, 2);
        var bad = Packet([9, 9], 1, 4);
        bad[29] ^= 1;
        var c = Packet([5, 6], 1, 4);
        var bytes = a.Concat("xxSEMxx"u8.ToArray()).Concat(b).Concat(bad).Concat(c).Concat(Packet([7], 1, 6)[..10]).ToArray();
        parser.Append(bytes, 0);
        parser.EndOfStream();
        Assert.Equal([1f, 2, 3, 4, 5, 6], log.AllSamples.ToArray());
        Assert.Equal(2, log.Faults[StreamFault.Corrupt]);
        Assert.Equal(1, log.Faults[StreamFault.Truncated]);
        Assert.False(log.Faults.ContainsKey(StreamFault.SequenceGap));
    }

    /// <summary>Seeded random mutations of valid streams: nothing escapes, faults are counted, and every delivered chunk is one that was sent.</summary>
    [Fact]
    public void FuzzedStreamsAndDatagramsNeverThrowOrDeliverAlteredFrames()
    {
        var rng = new Random(1234);
        var packets = new List<byte[]>();
        var payloads = new HashSet<string>();
        for (int i = 0, seq = 0; i < 40; i++)
        {
            int n = rng.Next(1, 12);
            var frames = Enumerable.Range(0, n * 3).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var format = i % 3 == 0 ? SampleFormat.Int16 : SampleFormat.Float32;
            var p = Packet(frames, 3, (uint)seq, format: format, scale: 1e-4f);
            seq += n;
            packets.Add(p);
            var log = new FrameLog();
            new FrameParser(3, 1000, log).ParseDatagram(p, 0);
            payloads.Add(string.Join(",", log.AllSamples));
        }
        var clean = packets.SelectMany(p => p).ToArray();
        long faults = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            var bytes = (byte[])clean.Clone();
            var list = bytes.ToList();
            int mutations = rng.Next(1, 6);
            for (int m = 0; m < mutations; m++)
            {
                switch (rng.Next(5))
                {
                    case 0: int at = rng.Next(list.Count); list[at] ^= (byte)(1 << rng.Next(8)); break;
                    case 1: int d = rng.Next(list.Count); list.RemoveRange(d, Math.Min(rng.Next(1, 40), list.Count - d)); break;
                    case 2: list.InsertRange(rng.Next(list.Count), Enumerable.Range(0, rng.Next(1, 30)).Select(_ => (byte)rng.Next(256))); break;
                    case 3: int s = rng.Next(list.Count - 60); list.InsertRange(rng.Next(list.Count), list.GetRange(s, 60)); break;
                    default: list[rng.Next(list.Count)] = (byte)rng.Next(256); break;
                }
            }
            bytes = [.. list];
            var log = new FrameLog();
            var parser = new FrameParser(3, 1000, log);
            for (int at = 0; at < bytes.Length;)
            {
                int n = Math.Min(bytes.Length - at, rng.Next(1, 300));
                parser.Append(bytes.AsSpan(at, n), at);
                at += n;
            }
            parser.EndOfStream();
            foreach (var chunk in log.Chunks)
                Assert.Contains(string.Join(",", chunk), payloads);
            faults += log.FaultCount;

            // the same bytes cut into random datagrams
            var dlog = new FrameLog();
            var dparser = new FrameParser(3, 1000, dlog);
            for (int at = 0; at < bytes.Length;)
            {
                int n = Math.Min(bytes.Length - at, rng.Next(1, 400));
                dparser.ParseDatagram(bytes.AsSpan(at, n), at);
                at += n;
            }
            foreach (var chunk in dlog.Chunks)
                Assert.Contains(string.Join(",", chunk), payloads);
        }
        Assert.True(faults >= 1500, $"every mutated stream should raise at least one fault ({faults})");
    }
}
