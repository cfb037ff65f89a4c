using System.Buffers.Text;
using System.Text.Json;

namespace SemgKit.Pipeline.Streaming.Sinks;

/// <summary>Formats decisions as UTF-8 text lines into a reusable buffer, without allocating per line (strings are escaped once and cached).</summary>
internal sealed class DecisionText
{
    private readonly Dictionary<string, byte[]> _escaped = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[1024];

    /// <summary>
    /// <c>{"time":1.234567,"endSample":1200,"class":"hand-open","probability":0.9731,"rejected":false,"command":"OPEN",
    /// "velocity":0.42,"latencyMicroseconds":85,"safe":false}</c>, or for a safe-state event <c>"class":null</c>,
    /// <c>"rejected":true</c>, <c>"safe":true,"reason":"stall"</c>; ends with '\n'.
    /// </summary>
    public ReadOnlySpan<byte> Json(in LiveDecision d)
    {
        int need = 256 + Escaped(d.Command).Length + (d.ClassName is null ? 0 : Escaped(d.ClassName).Length) + (d.SafeReason is null ? 0 : Escaped(d.SafeReason).Length);
        if (_buffer.Length < need) _buffer = new byte[need * 2];
        var b = _buffer.AsSpan();
        int n = 0;
        Put(b, ref n, "{\"time\":"u8);
        Utf8Formatter.TryFormat(d.TimeSeconds, b[n..], out int w, new System.Buffers.StandardFormat('F', 6));
        n += w;
        Put(b, ref n, ",\"endSample\":"u8);
        Utf8Formatter.TryFormat(d.EndSample, b[n..], out w);
        n += w;
        Put(b, ref n, ",\"class\":"u8);
        if (d.ClassName is null) Put(b, ref n, "null"u8);
        else PutString(b, ref n, d.ClassName);
        Put(b, ref n, ",\"probability\":"u8);
        Utf8Formatter.TryFormat(d.Probability, b[n..], out w, new System.Buffers.StandardFormat('F', 4));
        n += w;
        Put(b, ref n, d.Rejected ? ",\"rejected\":true,\"command\":"u8 : ",\"rejected\":false,\"command\":"u8);
        PutString(b, ref n, d.Command);
        Put(b, ref n, ",\"velocity\":"u8);
        Utf8Formatter.TryFormat(d.Velocity, b[n..], out w, new System.Buffers.StandardFormat('F', 3));
        n += w;
        Put(b, ref n, ",\"latencyMicroseconds\":"u8);
        Utf8Formatter.TryFormat(d.LatencyMicroseconds, b[n..], out w);
        n += w;
        if (d.SafeReason is null)
        {
            Put(b, ref n, ",\"safe\":false}\n"u8);
        }
        else
        {
            Put(b, ref n, ",\"safe\":true,\"reason\":"u8);
            PutString(b, ref n, d.SafeReason);
            Put(b, ref n, "}\n"u8);
        }
        return b[..n];
    }

    /// <summary>LibEMG's OnlineEMGClassifier UDP format: <c>"&lt;class index&gt; &lt;velocity, 2 decimals&gt;\n"</c>, class -1 (velocity 0) in the safe state.</summary>
    public ReadOnlySpan<byte> LibEmg(in LiveDecision d)
    {
        var b = _buffer.AsSpan();
        int n = 0;
        Utf8Formatter.TryFormat(d.CommandClass, b, out int w);
        n += w;
        b[n++] = (byte)' ';
        Utf8Formatter.TryFormat(d.CommandClass < 0 ? 0f : d.Velocity, b[n..], out w, new System.Buffers.StandardFormat('F', 2));
        n += w;
        b[n++] = (byte)'\n';
        return b[..n];
    }

    private static void Put(Span<byte> b, ref int n, ReadOnlySpan<byte> text)
    {
        text.CopyTo(b[n..]);
        n += text.Length;
    }

    private void PutString(Span<byte> b, ref int n, string s)
    {
        b[n++] = (byte)'"';
        Put(b, ref n, Escaped(s));
        b[n++] = (byte)'"';
    }

    private byte[] Escaped(string s)
    {
        if (!_escaped.TryGetValue(s, out var bytes))
        {
            bytes = JsonEncodedText.Encode(s).EncodedUtf8Bytes.ToArray();
            _escaped[s] = bytes;
        }
        return bytes;
    }
}
