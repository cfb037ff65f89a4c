using System.Text;

namespace SemgKit.Pipeline.Streaming.Sinks;

/// <summary>
/// One JSON object per line (see <c>docs/frame-protocol.md</c> for the fields) to a stream or text writer such as
/// stdout; each line is written and flushed as it is made.
/// </summary>
public sealed class JsonLinesSink : IDecisionSink
{
    private readonly DecisionText _text = new();
    private readonly Stream? _stream;
    private readonly TextWriter? _writer;
    private readonly bool _flushEachLine;
    private readonly bool _ownsOutput;
    private char[] _chars = new char[1024];

    public JsonLinesSink(Stream stream, bool flushEachLine = true, bool ownsStream = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _flushEachLine = flushEachLine;
        _ownsOutput = ownsStream;
    }

    public JsonLinesSink(TextWriter writer, bool flushEachLine = true)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _flushEachLine = flushEachLine;
    }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    public void Write(in LiveDecision decision)
    {
        var line = _text.Json(decision);
        if (_stream is not null)
        {
            _stream.Write(line);
            if (_flushEachLine) _stream.Flush();
        }
        else
        {
            if (_chars.Length < line.Length) _chars = new char[line.Length * 2];
            int n = Encoding.UTF8.GetChars(line, _chars);
            _writer!.Write(_chars.AsSpan(0, n));
            if (_flushEachLine) _writer.Flush();
        }
        Lines++;
    }

    public void Flush()
    {
        _stream?.Flush();
        _writer?.Flush();
    }

    public void Dispose()
    {
        Flush();
        if (_ownsOutput) _stream?.Dispose();
    }
}
