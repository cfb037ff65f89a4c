using System.Globalization;
using System.Net;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// A source or sink address as written on the command line: <c>tcp://HOST:PORT</c>, <c>udp://HOST:PORT</c>,
/// <c>stdin</c>, <c>stdout</c> or <c>replay:PATH</c>.
/// </summary>
public sealed record StreamAddress(StreamAddressKind Kind, IPEndPoint? EndPoint, string? Path)
{
    public static StreamAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("stdin", StringComparison.OrdinalIgnoreCase) || text == "-")
            return new(StreamAddressKind.Stdin, null, null);
        if (text.Equals("stdout", StringComparison.OrdinalIgnoreCase))
            return new(StreamAddressKind.Stdout, null, null);
        if (text.StartsWith("replay:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["replay:".Length..];
            if (path.Length == 0) throw new SemgException($"'{text}': replay needs a path (replay:FILE)");
            return new(StreamAddressKind.Replay, null, path);
        }
        foreach (var (prefix, kind) in new[] { ("tcp://", StreamAddressKind.Tcp), ("udp://", StreamAddressKind.Udp) })
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = text[prefix.Length..].TrimEnd('/');
            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
                throw new SemgException($"'{text}': expected {prefix}HOST:PORT (e.g. {prefix}127.0.0.1:5555)");
            var host = rest[..colon].Trim('[', ']');
            IPAddress address;
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
            else if (!IPAddress.TryParse(host, out address!))
            {
                try { address = Dns.GetHostAddresses(host).First(); }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    throw new SemgException($"'{text}': unknown host '{host}'", e);
                }
            }
            return new(kind, new IPEndPoint(address, port), null);
        }
        throw new SemgException($"'{text}': not an address (use tcp://HOST:PORT, udp://HOST:PORT, stdin, stdout or replay:FILE)");
    }

    public override string ToString() => Kind switch
    {
        StreamAddressKind.Tcp => $"tcp://{EndPoint}",
        StreamAddressKind.Udp => $"udp://{EndPoint}",
        StreamAddressKind.Replay => $"replay:{Path}",
        StreamAddressKind.Stdin => "stdin",
        _ => "stdout",
    };
}
