using System.Net;
using System.Net.Sockets;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// Listens on a TCP endpoint and reads <see cref="FrameProtocol"/> packets from one sender at a time. When a sender
/// disconnects (or the connection fails) the fault is reported (safe state, stream reset) and the source accepts the
/// next connection. Bytes are timestamped as each receive completes.
/// </summary>
public sealed class TcpFrameSource : IFrameSource
{
    private readonly Socket _listener;
    private readonly int _channels;
    private readonly double _sampleRateHz;
    private readonly int _maxConnections;

    /// <param name="endpoint">Where to listen (port 0 = ephemeral; see <see cref="LocalEndPoint"/>).</param>
    /// <param name="maxConnections">Stop after this many connections have ended (0 = never).</param>
    public TcpFrameSource(IPEndPoint endpoint, int channelCount, double sampleRateHz, int maxConnections = 0)
    {
        _channels = channelCount;
        _sampleRateHz = sampleRateHz;
        _maxConnections = maxConnections;
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(endpoint);
            _listener.Listen(16);
        }
        catch (SocketException e)
        {
            _listener.Dispose();
            throw new SemgException($"tcp://{endpoint}: cannot listen: {e.Message}", e);
        }
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public string Description => $"tcp://{LocalEndPoint}";

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get; private set; }

    public async Task RunAsync(IFrameConsumer consumer, IMonotonicClock clock, CancellationToken cancellationToken)
    {
        var parser = new FrameParser(_channels, _sampleRateHz, consumer);
        var buffer = new byte[64 * 1024];
        int ended = 0;
        while (_maxConnections == 0 || ended < _maxConnections)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Connections++;
            using (connection)
            {
                connection.NoDelay = true;
                parser.Reset();
                consumer.OnStreamStart();
                bool cancelled = false;
                try
                {
                    while (true)
                    {
                        int n = await connection.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                        if (n == 0) break;
                        parser.Append(buffer.AsSpan(0, n), clock.NowMicroseconds);
                    }
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                }
                catch (SocketException)
                {
                    // connection reset: reported as a disconnect below
                }
                parser.EndOfStream();
                if (cancelled) return;
                consumer.OnFault(StreamFault.Disconnected, 1, true);
            }
            ended++;
        }
    }

    public void Dispose() => _listener.Dispose();
}
