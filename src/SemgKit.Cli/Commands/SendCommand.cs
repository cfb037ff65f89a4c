using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SemgKit.Pipeline;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Streaming.Sources;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg send FILE --to tcp://HOST:PORT|udp://HOST:PORT</c>: plays a recording to a receiver as a frame-protocol stream (a stand-in device).</summary>
internal static class SendCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Recording or dataset to send (path or name under the data root)" };
        var to = new Option<string>("--to") { Description = "Receiver: tcp://HOST:PORT or udp://HOST:PORT", Required = true };
        var format = new Option<string>("--format") { Description = "Sample format: float32 | int16", DefaultValueFactory = _ => "float32" };
        var scale = new Option<float>("--scale") { Description = "int16 scale (value = count × scale)", DefaultValueFactory = _ => 1e-3f };
        var command = new Command("send", "Send a recording as a live frame-protocol stream over TCP or UDP (see docs/frame-protocol.md)")
        {
            file, to, LiveArguments.Speed, LiveArguments.ChunkMs, format, scale, EncoderArguments.SampleRate,
        };
        command.SetAction(async (parse, ct) =>
        {
            var catalog = Pipeline.Data.DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            var dataset = catalog.Open(parse.GetValue(file)!, new Pipeline.Data.DatasetReadOptions { SampleRateHz = parse.GetValue(EncoderArguments.SampleRate) }, ct);
            var sampleFormat = parse.GetValue(format)!.ToLowerInvariant() switch
            {
                "float32" => SampleFormat.Float32,
                "int16" => SampleFormat.Int16,
                var f => throw new SemgException($"--format {f}: use float32 or int16"),
            };
            var request = new FrameSender.Request(dataset.Recordings, StreamAddress.Parse(parse.GetValue(to)!), LiveArguments.Pace(parse), parse.GetValue(LiveArguments.ChunkMs), sampleFormat, parse.GetValue(scale));
            var result = await FrameSender.SendAsync(request, null, ct);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {result.Frames} frames in {result.Packets} packets ({result.Bytes} bytes) to {request.Target} in {result.Seconds:0.00} s"));
            return Program.ExitOk;
        });
        return command;
    }
}
