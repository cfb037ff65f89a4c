using System.Net;
using System.Net.Sockets;
using SemgKit.Pipeline.Data;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// Sends recordings as a <see cref="FrameProtocol"/> stream over TCP or UDP, paced at the sample rate or as fast as
/// possible, one packet per chunk; the sequence number runs on across recordings (one continuous device stream).
/// </summary>
public static class FrameSender
{
    /// <param name="Target">tcp://host:port or udp://host:port.</param>
    /// <param name="ChunkMs">Frames per packet, as a duration.</param>
    public sealed record Request(
        IReadOnlyList<Recording> Recordings,
        StreamAddress Target,
        ReplayPace Pace = ReplayPace.Realtime,
        double ChunkMs = 10,
        SampleFormat Format = SampleFormat.Float32,
        float Int16Scale = 1e-3f);

    /// <summary>What was sent.</summary>
    public sealed record Result(long Frames, long Packets, long Bytes, double Seconds);

    public static async Task<Result> SendAsync(Request request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Recordings.Count == 0) throw new SemgException("nothing to send: no recordings");
        if (!(request.ChunkMs > 0)) throw new SemgException($"--chunk-ms {request.ChunkMs}: must be positive");
        var target = request.Target;
        if (target.Kind is not (StreamAddressKind.Tcp or StreamAddressKind.Udp))
            throw new SemgException($"{target}: send needs tcp://HOST:PORT or udp://HOST:PORT");
        var endpoint = target.EndPoint!;
        using var socket = target.Kind == StreamAddressKind.Tcp
            ? new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new SemgException($"{target}: cannot connect: {e.Message}", e);
        }
        var clock = SystemClock.Instance;
        long start = clock.NowMicroseconds;
        var packet = new byte[FrameProtocol.MaxPacketBytes];
        uint sequence = 0;
        long frames = 0, packets = 0, bytes = 0;
        foreach (var recording in request.Recordings)
        {
            var data = recording.ToFrameMajor();
            int channels = recording.ChannelCount;
            int chunk = Math.Clamp((int)Math.Round(request.ChunkMs * recording.SampleRateHz / 1000), 1, FrameProtocol.MaxFramesPerPacket(channels, request.Format));
            float rate = (float)recording.SampleRateHz;
            await Pacer.RunAsync(recording.SampleCount, recording.SampleRateHz, chunk, request.Pace, clock, async (at, n) =>
            {
                int length = FrameProtocol.Write(packet, data.AsSpan(at * channels, n * channels), channels, rate, request.Format, request.Int16Scale, sequence);
                sequence = unchecked(sequence + (uint)n);
                try
                {
                    int sent = 0;
                    while (sent < length)
                        sent += await socket.SendAsync(packet.AsMemory(sent, length - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    throw new SemgException($"{target}: send failed after {frames} frames: {e.Message}", e);
                }
                frames += n;
                packets++;
                bytes += length;
                if (packets % 100 == 0) progress?.Report(frames);
            }, cancellationToken).ConfigureAwait(false);
        }
        if (target.Kind == StreamAddressKind.Tcp)
        {
            try { socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
        }
        progress?.Report(frames);
        return new Result(frames, packets, bytes, (clock.NowMicroseconds - start) / 1e6);
    }
}
