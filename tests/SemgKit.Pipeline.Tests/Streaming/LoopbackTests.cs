using System.Net;
using System.Net.Sockets;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Streaming.Sinks;
using SemgKit.Pipeline.Streaming.Sources;
using SemgKit.Pipeline.Tests.Models;

namespace SemgKit.Pipeline.Tests.Streaming;

/// <summary>Sender → loopback socket → source → session → sink, against the offline decisions.</summary>
public class LoopbackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TcpStreamGivesTheOfflineDecisionsAndSurvivesAReconnect()
    {
        var model = TrainedModels.Lda;
        var recording = TrainedModels.Data.Recordings[4];
        var expected = Reference.Decisions(model, recording.ToFrameMajor());
        var sink = new ListSink();
        var session = new LiveSession(model, sink, SystemClock.Instance);
        using var source = new TcpFrameSource(new IPEndPoint(IPAddress.Loopback, 0), model.ChannelCount, model.SampleRateHz, maxConnections: 2);
        var ct = TestContext.Current.CancellationToken;
        var run = source.RunAsync(session, SystemClock.Instance, ct);
        var target = new StreamAddress(StreamAddressKind.Tcp, source.LocalEndPoint, null);
        var sent = await FrameSender.SendAsync(new FrameSender.Request([recording], target, ReplayPace.Max, 7), null, ct);
        Assert.Equal(recording.SampleCount, sent.Frames);
        // second connection: state must be reset, so the same decisions again
        await FrameSender.SendAsync(new FrameSender.Request([recording], target, ReplayPace.Max, 13, SampleFormat.Float32), null, ct);
        await run.WaitAsync(Timeout, ct);
        session.Shutdown();

        var decisions = sink.Decisions;
        Assert.Equal(2 * expected.Count, decisions.Count);
        for (int i = 0; i < decisions.Count; i++)
        {
            var e = expected[i % expected.Count];
            Assert.Equal(e.EndSample, decisions[i].EndSample);
            Assert.Equal(e.Class, decisions[i].Class);
        }
        var stats = session.Snapshot();
        Assert.Equal(2, stats.Faults["disconnected"]);
        Assert.Single(stats.Faults);
        Assert.Equal(2, stats.Streams);
        var safe = sink.Items.Where(d => d.IsSafeEvent).Select(d => d.SafeReason!).ToArray();
        Assert.Equal(["stream-start", "disconnected", "stream-start", "disconnected", "shutdown"], safe);
        Assert.All(sink.Items.Where(d => d.IsSafeEvent), d => Assert.Equal("stop", d.Command));
        Assert.True(stats.LatencyP99Microseconds >= 0);
    }

    [Fact]
    public async Task UdpStreamGivesTheOfflineDecisions()
    {
        var model = TrainedModels.Lda;
        var recording = TrainedModels.Data.Recordings[7];
        var frames = recording.ToFrameMajor();
        var expected = Reference.Decisions(model, frames);
        var sink = new ListSink();
        var session = new LiveSession(model, sink, SystemClock.Instance);
        using var source = new UdpFrameSource(new IPEndPoint(IPAddress.Loopback, 0), model.ChannelCount, model.SampleRateHz);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = source.RunAsync(session, SystemClock.Instance, cts.Token);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(source.LocalEndPoint);
        var buffer = new byte[FrameProtocol.MaxPacketBytes];
        int chunk = 25, packets = 0;
        for (int at = 0; at < recording.SampleCount; at += chunk)
        {
            int n = Math.Min(chunk, recording.SampleCount - at);
            int length = FrameProtocol.Write(buffer, frames.AsSpan(at * 8, n * 8), 8, 1000, SampleFormat.Float32, 1, (uint)at);
            sender.Send(buffer.AsSpan(0, length));
            if (++packets % 8 == 0) await Task.Delay(2, cts.Token);
        }
        var deadline = DateTime.UtcNow + Timeout;
        while (session.Snapshot().Frames < recording.SampleCount && DateTime.UtcNow < deadline)
            await Task.Delay(20, cts.Token);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var decisions = sink.Decisions;
        Assert.Equal(expected.Select(e => (e.EndSample, e.Class)), decisions.Select(d => (d.EndSample, d.Class)));
        Assert.Equal(0, session.Snapshot().TotalFaults);
    }

    [Fact]
    public async Task UdpSinkSpeaksLibEmg()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using (var sink = new UdpTextSink((IPEndPoint)receiver.LocalEndPoint!))
        {
            sink.Write(new LiveDecision(0, 100, 2, "hand-close", 0.9f, false, "CLOSE", 2, 0.456f, 10, null));
            sink.Write(new LiveDecision(0, 150, -1, null, 0, true, "stop", -1, 0.7f, 0, "stall"));
        }
        var buffer = new byte[100];
        int n = await receiver.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken);
        Assert.Equal("2 0.46\n", System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        n = await receiver.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken);
        Assert.Equal("-1 0.00\n", System.Text.Encoding.UTF8.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task TcpSinkServesJsonLines()
    {
        using var sink = new TcpJsonLinesSink(new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new TcpClient();
        await client.ConnectAsync(sink.LocalEndPoint, TestContext.Current.CancellationToken);
        while (sink.ClientCount == 0) await Task.Delay(5, TestContext.Current.CancellationToken);
        sink.Write(new LiveDecision(1.5, 100, 1, "hand-open", 0.75f, false, "OPEN", 1, 1, 42, null));
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        using var doc = System.Text.Json.JsonDocument.Parse(line!);
        Assert.Equal("hand-open", doc.RootElement.GetProperty("class").GetString());
        Assert.Equal("OPEN", doc.RootElement.GetProperty("command").GetString());
        Assert.Equal(42, doc.RootElement.GetProperty("latencyMicroseconds").GetInt64());
        Assert.False(doc.RootElement.GetProperty("safe").GetBoolean());
    }
}
