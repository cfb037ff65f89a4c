using System.Net;
using System.Net.Sockets;

namespace SemgKit.Pipeline.Streaming.Sinks;

/// <summary>
/// Sends each decision as one UDP datagram in LibEMG's OnlineEMGClassifier format, <c>"&lt;class&gt; &lt;velocity&gt;\n"</c>
/// (class index of the command in force, -1 in the safe state; velocity with two decimals, 0 in the safe state), so
/// clients written for LibEMG (Unity, games) work unchanged. Send errors (no listener) are counted, not thrown.
/// </summary>
public sealed class UdpTextSink : IDecisionSink
{
    private readonly DecisionText _text = new();
    private readonly Socket _socket;

    public UdpTextSink(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Connect(target);
    }

    public long Datagrams { get; private set; }

    public long SendErrors { get; private set; }

    public void Write(in LiveDecision decision)
    {
        try
        {
            _socket.Send(_text.LibEmg(decision));
            Datagrams++;
        }
        catch (SocketException)
        {
            SendErrors++;
        }
    }

    public void Flush() { }

    public void Dispose() => _socket.Dispose();
}
