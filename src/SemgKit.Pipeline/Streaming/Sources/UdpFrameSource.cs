using System.Net;
using System.Net.Sockets;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>Receives <see cref="FrameProtocol"/> packets, one per UDP datagram, timestamped on receipt. Runs until cancelled.</summary>
public sealed class UdpFrameSource : IFrameSource
{
    private readonly Socket _socket;
    private readonly int _channels;
    private readonly double _sampleRateHz;

    /// <param name="endpoint">Where to bind (port 0 = ephemeral; see <see cref="LocalEndPoint"/>).</param>
    public UdpFrameSource(IPEndPoint endpoint, int channelCount, double sampleRateHz)
    {
        _channels = channelCount;
        _sampleRateHz = sampleRateHz;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
            _socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new SemgException($"udp://{endpoint}: cannot bind: {e.Message}", e);
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public string Description => $"udp://{LocalEndPoint}";

    public async Task RunAsync(IFrameConsumer consumer, IMonotonicClock clock, CancellationToken cancellationToken)
    {
        var parser = new FrameParser(_channels, _sampleRateHz, consumer);
        var buffer = new byte[FrameProtocol.MaxPacketBytes + 1];
        consumer.OnStreamStart();
        while (!cancellationToken.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported on a previous send; nothing was received
            }
            parser.ParseDatagram(buffer.AsSpan(0, n), clock.NowMicroseconds);
        }
    }

    public void Dispose() => _socket.Dispose();
}
