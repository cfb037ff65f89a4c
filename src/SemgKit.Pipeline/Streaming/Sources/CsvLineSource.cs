using System.Globalization;

namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>
/// Reads frames as text lines (e.g. stdin): one frame per line, the channel values separated by commas, semicolons,
/// tabs or spaces. Blank lines and lines starting with '#' are ignored, and so is a first line that is not numeric
/// (a header). A line with a non-number is <see cref="StreamFault.Malformed"/>, one with the wrong number of values
/// <see cref="StreamFault.WrongChannelCount"/>, one with NaN/Inf <see cref="StreamFault.NonFiniteSample"/>; each breaks
/// continuity (the frame is lost). Each line is timestamped when read.
/// </summary>
public sealed class CsvLineSource : IFrameSource
{
    private static readonly char[] Separators = [',', ';', '\t', ' '];
    private readonly TextReader _reader;
    private readonly int _channels;

    public CsvLineSource(TextReader reader, int channelCount, string description = "stdin")
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _channels = channelCount;
        Description = description;
    }

    public string Description { get; }

    public async Task RunAsync(IFrameConsumer consumer, IMonotonicClock clock, CancellationToken cancellationToken)
    {
        var frame = new float[_channels];
        bool first = true;
        consumer.OnStreamStart();
        while (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            long arrival = clock.NowMicroseconds;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#') continue;
            var fault = Parse(text, frame);
            bool wasFirst = first;
            first = false;
            if (fault is null)
                consumer.OnFrames(frame, arrival);
            else if (!(wasFirst && fault == StreamFault.Malformed))
                consumer.OnFault(fault.Value, 1, true);
        }
    }

    private StreamFault? Parse(ReadOnlySpan<char> text, float[] frame)
    {
        int n = 0;
        bool malformed = false, finite = true;
        foreach (var range in text.SplitAny(Separators))
        {
            var cell = text[range].Trim();
            if (cell.IsEmpty) continue;
            if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
            {
                malformed = true;
                continue;
            }
            finite &= float.IsFinite(v);
            if (n < frame.Length) frame[n] = v;
            n++;
        }
        if (malformed) return StreamFault.Malformed;
        if (n != frame.Length) return StreamFault.WrongChannelCount;
        if (!finite) return StreamFault.NonFiniteSample;
        return null;
    }

    public void Dispose() { }
}
