using System.Net;
using System.Net.Sockets;

namespace SemgKit.Pipeline.Streaming.Sinks;

/// <summary>
/// Serves JSON lines (the same as <see cref="JsonLinesSink"/>) over TCP: listens on an endpoint, accepts any number of
/// clients in the background and writes every line to each of them. A client that errors or blocks for more than
/// 100 ms is dropped, so a slow client cannot stall the live loop.
/// </summary>
public sealed class TcpJsonLinesSink : IDecisionSink
{
    private readonly DecisionText _text = new();
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _clientsLock = new();
    private Socket[] _clients = [];

    public TcpJsonLinesSink(IPEndPoint endpoint)
    {
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
        _ = AcceptLoopAsync();
    }

    public IPEndPoint LocalEndPoint { get; }

    public int ClientCount => Volatile.Read(ref _clients).Length;

    public void Write(in LiveDecision decision)
    {
        var clients = Volatile.Read(ref _clients);
        if (clients.Length == 0) return;
        var line = _text.Json(decision);
        foreach (var client in clients)
        {
            try
            {
                client.Send(line);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Remove(client);
            }
        }
    }

    public void Flush() { }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        foreach (var c in Volatile.Read(ref _clients)) c.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            client.NoDelay = true;
            client.SendTimeout = 100;
            lock (_clientsLock) _clients = [.. _clients, client];
        }
    }

    private void Remove(Socket client)
    {
        lock (_clientsLock) _clients = _clients.Where(c => c != client).ToArray();
        client.Dispose();
    }
}
