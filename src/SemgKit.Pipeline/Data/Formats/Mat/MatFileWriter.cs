using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// Writes MATLAB MAT-file Level 5 files (readable by MATLAB <c>load</c>, <c>scipy.io.loadmat</c> and <see cref="MatFile.Read(string)"/>).
/// </summary>
/// <remarks>
/// Numeric arrays are stored in their own class's data type (values converted to that class with rounding
/// and saturation, as MATLAB casts), logical arrays as <c>miUINT8</c>, char arrays as <c>miUINT16</c> (UTF-16),
/// cell and struct arrays recursively. Sparse arrays are written as dense arrays of their value class.
/// </remarks>
public static class MatFileWriter
{
    /// <summary>Writes <paramref name="variables"/> (name, value) in order to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, MatValue>> variables, MatWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, variables, options);
    }

    /// <summary>Writes the variables of <paramref name="file"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, MatFile file, MatWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        Write(path, file.VariableNames.Select(n => new KeyValuePair<string, MatValue>(n, file[n])), options);
    }

    /// <summary>Writes <paramref name="variables"/> (name, value) in order to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, MatValue>> variables, MatWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(variables);
        options ??= MatWriteOptions.Default;
        var w = new ElementWriter(options.BigEndian);

        string text = options.HeaderText ?? "MATLAB 5.0 MAT-file, Platform: SemgKit, Created on: " +
            DateTime.UtcNow.ToString("ddd MMM dd HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (text.Length > 116 || text.Any(c => c > 126))
            throw new ArgumentException("Header text must be at most 116 ASCII characters.", nameof(options));
        var header = new byte[128];
        header.AsSpan(0, 116).Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, header);
        // bytes 116..123: subsystem data offset, zero = none
        if (options.BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(124), 0x0100);
            header[126] = (byte)'M';
            header[127] = (byte)'I';
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
            header[126] = (byte)'I';
            header[127] = (byte)'M';
        }
        stream.Write(header);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            ValidateName(name);
            ArgumentNullException.ThrowIfNull(value);
            if (!names.Add(name))
                throw new ArgumentException($"Variable '{name}' appears twice.", nameof(variables));
            byte[] element = w.Matrix(name, value);
            if (options.Compress)
            {
                using var packed = new MemoryStream();
                using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
                    z.Write(element);
                var tag = new byte[8];
                w.PutU32(tag, 0, (uint)MatDataType.Compressed);
                w.PutU32(tag, 4, (uint)packed.Length);
                stream.Write(tag);
                stream.Write(packed.GetBuffer().AsSpan(0, (int)packed.Length));
            }
            else
            {
                stream.Write(element);
            }
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool ok = name.Length is > 0 and <= 63 && char.IsAsciiLetter(name[0]) &&
                  name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!ok)
            throw new ArgumentException($"'{name}' is not a valid MATLAB name (a letter, then letters, digits or '_', at most 63 characters).", nameof(name));
    }

    private sealed class ElementWriter(bool big)
    {
        public void PutU32(Span<byte> b, int at, uint v)
        {
            if (big) BinaryPrimitives.WriteUInt32BigEndian(b[at..], v);
            else BinaryPrimitives.WriteUInt32LittleEndian(b[at..], v);
        }

        /// <summary>A whole miMATRIX element (tag included) for <paramref name="value"/>.</summary>
        public byte[] Matrix(string name, MatValue value)
        {
            using var body = new MemoryStream();
            MatClass cls = value switch
            {
                MatNumericArray a => a.NumericClass,
                _ => value.ClassType,
            };
            uint flags = (uint)cls;
            if (value is MatNumericArray { IsComplex: true }) flags |= 0x0800;
            if (value.IsGlobal) flags |= 0x0400;
            if (value is MatNumericArray { IsLogical: true }) flags |= 0x0200;
            var flagBytes = new byte[8];
            PutU32(flagBytes, 0, flags);
            Element(body, MatDataType.UInt32, flagBytes);

            var dims = new byte[4 * value.Dimensions.Count];
            for (int d = 0; d < value.Dimensions.Count; d++)
                PutU32(dims, 4 * d, (uint)value.Dimensions[d]);
            Element(body, MatDataType.Int32, dims);
            Element(body, MatDataType.Int8, Encoding.ASCII.GetBytes(name));

            switch (value)
            {
                case MatNumericArray a:
                {
                    var type = MatDataTypes.ForClass(a.NumericClass);
                    Element(body, type, Numbers(a.Real, type));
                    if (a.IsComplex)
                        Element(body, type, Numbers(a.Imag, type));
                    break;
                }
                case MatCharArray c:
                {
                    var bytes = new byte[2 * c.Characters.Length];
                    for (int i = 0; i < c.Characters.Length; i++)
                    {
                        if (big) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2 * i), c.Characters[i]);
                        else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), c.Characters[i]);
                    }
                    Element(body, MatDataType.UInt16, bytes);
                    break;
                }
                case MatCellArray cell:
                    foreach (var item in cell.Cells)
                        body.Write(Matrix("", item));
                    break;
                case MatStructArray s:
                {
                    foreach (var f in s.FieldNames)
                        ValidateName(f);
                    int length = s.FieldNames.Count == 0 ? 1 : s.FieldNames.Max(f => f.Length) + 1;
                    var len = new byte[4];
                    PutU32(len, 0, (uint)length);
                    Element(body, MatDataType.Int32, len);
                    var names = new byte[length * s.FieldNames.Count];
                    for (int f = 0; f < s.FieldNames.Count; f++)
                        Encoding.ASCII.GetBytes(s.FieldNames[f], names.AsSpan(f * length));
                    Element(body, MatDataType.Int8, names);
                    for (int e = 0; e < s.ElementCount; e++)
                    {
                        foreach (var item in s.Element(e))
                            body.Write(Matrix("", item));
                    }
                    break;
                }
                default:
                    throw new ArgumentException($"Cannot write a {value.GetType().Name}.", nameof(value));
            }

            var result = new byte[8 + body.Length];
            PutU32(result, 0, (uint)MatDataType.Matrix);
            PutU32(result, 4, (uint)body.Length);
            body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(result.AsSpan(8));
            return result;
        }

        /// <summary>A data element: the small (4-byte packed) form for 1..4 bytes, else a full tag and padding to 8 bytes.</summary>
        private void Element(MemoryStream output, MatDataType type, ReadOnlySpan<byte> payload)
        {
            Span<byte> tag = stackalloc byte[8];
            tag.Clear();
            if (payload.Length is > 0 and <= 4)
            {
                PutU32(tag, 0, ((uint)payload.Length << 16) | (uint)type);
                payload.CopyTo(tag[4..]);
                output.Write(tag);
                return;
            }
            PutU32(tag, 0, (uint)type);
            PutU32(tag, 4, (uint)payload.Length);
            output.Write(tag);
            output.Write(payload);
            int pad = (8 - payload.Length % 8) % 8;
            Span<byte> zeros = stackalloc byte[8];
            zeros.Clear();
            output.Write(zeros[..pad]);
        }

        private byte[] Numbers(ReadOnlySpan<double> values, MatDataType type)
        {
            int size = MatDataTypes.NumericSize(type);
            var bytes = new byte[values.Length * size];
            for (int i = 0; i < values.Length; i++)
            {
                var b = bytes.AsSpan(i * size, size);
                double v = values[i];
                switch (type)
                {
                    case MatDataType.Double:
                        if (big) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v);
                        break;
                    case MatDataType.Single:
                        if (big) BinaryPrimitives.WriteSingleBigEndian(b, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)v);
                        break;
                    case MatDataType.Int8: b[0] = (byte)(sbyte)Cast(v, sbyte.MinValue, sbyte.MaxValue); break;
                    case MatDataType.UInt8: b[0] = (byte)Cast(v, 0, byte.MaxValue); break;
                    case MatDataType.Int16:
                        if (big) BinaryPrimitives.WriteInt16BigEndian(b, (short)Cast(v, short.MinValue, short.MaxValue)); else BinaryPrimitives.WriteInt16LittleEndian(b, (short)Cast(v, short.MinValue, short.MaxValue));
                        break;
                    case MatDataType.UInt16:
                        if (big) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)Cast(v, 0, ushort.MaxValue)); else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)Cast(v, 0, ushort.MaxValue));
                        break;
                    case MatDataType.Int32:
                        if (big) BinaryPrimitives.WriteInt32BigEndian(b, (int)Cast(v, int.MinValue, int.MaxValue)); else BinaryPrimitives.WriteInt32LittleEndian(b, (int)Cast(v, int.MinValue, int.MaxValue));
                        break;
                    case MatDataType.UInt32:
                        if (big) BinaryPrimitives.WriteUInt32BigEndian(b, (uint)Cast(v, 0, uint.MaxValue)); else BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)Cast(v, 0, uint.MaxValue));
                        break;
                    case MatDataType.Int64:
                    {
                        long x = double.IsNaN(v) ? 0 : (long)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), long.MinValue, long.MaxValue);
                        if (big) BinaryPrimitives.WriteInt64BigEndian(b, x); else BinaryPrimitives.WriteInt64LittleEndian(b, x);
                        break;
                    }
                    default:
                    {
                        ulong x = double.IsNaN(v) || v <= 0 ? 0 : v >= ulong.MaxValue ? ulong.MaxValue : (ulong)Math.Round(v, MidpointRounding.AwayFromZero);
                        if (big) BinaryPrimitives.WriteUInt64BigEndian(b, x); else BinaryPrimitives.WriteUInt64LittleEndian(b, x);
                        break;
                    }
                }
            }
            return bytes;
        }

        /// <summary>MATLAB's cast to an integer class: round half away from zero, saturate, NaN to 0.</summary>
        private static long Cast(double v, long min, long max) =>
            double.IsNaN(v) ? 0 : (long)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), min, max);
    }
}
