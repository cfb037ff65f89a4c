using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>Parses a MAT-file Level 5 byte image (MathWorks, "MAT-File Format", R2014b, chapter 1).</summary>
internal sealed class MatParser
{
    private const int HeaderBytes = 128;
    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _file;
    private readonly bool _big;

    private MatParser(string file, bool bigEndian)
    {
        _file = file;
        _big = bigEndian;
    }

    /// <summary>A run of bytes being parsed: the file itself or the inflated content of one compressed element.</summary>
    private sealed record Segment(byte[] Data, int Length, long? CompressedAt);

    private readonly record struct Tag(uint Type, int Size, int DataStart, int Next, int At);

    public static MatFile Parse(byte[] bytes, string file)
    {
        if (StartsWith(bytes, 0, Hdf5Signature) || StartsWith(bytes, 512, Hdf5Signature))
            throw new DataFormatException(file, null, V73Message);
        if (bytes.Length < HeaderBytes)
            throw new DataFormatException(file, "byte 0", $"file is {bytes.Length} bytes, shorter than the 128-byte MAT-file header (not a MAT-file, or truncated)");
        string text = Encoding.Latin1.GetString(bytes, 0, 116).TrimEnd(' ', '\0');
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
            throw new DataFormatException(file, null, V73Message);
        bool big;
        if (bytes[126] == 'I' && bytes[127] == 'M')
            big = false;
        else if (bytes[126] == 'M' && bytes[127] == 'I')
            big = true;
        else
        {
            string found = Printable(bytes.AsSpan(126, 2));
            throw new DataFormatException(file, "byte 126",
                $"endian indicator is '{found}', expected 'IM' or 'MI': not a MAT-file Level 5 (MAT v4 files are not supported; save with -v7 in MATLAB)");
        }
        int version = big ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(124)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(124));
        if (version == 0x0200)
            throw new DataFormatException(file, null, V73Message);
        if (version != 0x0100)
            throw new DataFormatException(file, "byte 124", $"unsupported MAT-file version 0x{version:X4} (expected 0x0100, Level 5)");

        var parser = new MatParser(file, big);
        var variables = new List<KeyValuePair<string, MatValue>>();
        var segment = new Segment(bytes, bytes.Length, null);
        int pos = HeaderBytes;
        while (pos < bytes.Length)
        {
            if (bytes.Length - pos < 8)
            {
                if (bytes.AsSpan(pos).IndexOfAnyExcept((byte)0) < 0)
                    break;   // trailing zero padding
                throw new DataFormatException(file, $"byte {pos}", $"{bytes.Length - pos} stray bytes where a data element tag (8 bytes) should start (file truncated?)");
            }
            var tag = parser.ReadTag(segment, pos, bytes.Length, null);
            if (tag.Type == (uint)MatDataType.Compressed)
            {
                var inner = parser.Inflate(segment, tag);
                var innerTag = parser.ReadTag(inner, 0, inner.Length, null);
                parser.Expect(inner, innerTag, MatDataType.Matrix, null, "compressed element content");
                var (name, value) = parser.ReadMatrix(inner, innerTag, null);
                variables.Add(new(name, value));
                pos = tag.DataStart + tag.Size;   // compressed elements are not padded
            }
            else if (tag.Type == (uint)MatDataType.Matrix)
            {
                var (name, value) = parser.ReadMatrix(segment, tag, null);
                variables.Add(new(name, value));
                pos = tag.Next;
            }
            else
            {
                throw parser.Error(segment, pos, null, $"expected a variable (miMATRIX or miCOMPRESSED), found {MatDataTypes.Name(tag.Type)}");
            }
        }
        var duplicates = variables.GroupBy(v => v.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
            throw new DataFormatException(file, $"variable '{duplicates.Key}'", "variable appears twice");
        return new MatFile(variables, text, big);
    }

    private const string V73Message = "MAT v7.3 (HDF5) files are not supported; save with -v7 in MATLAB (save(file, vars, '-v7')) or with scipy.io.savemat";

    private static bool StartsWith(byte[] bytes, int offset, byte[] prefix) =>
        bytes.Length >= offset + prefix.Length && bytes.AsSpan(offset, prefix.Length).SequenceEqual(prefix);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes)
            sb.Append(b is >= 32 and < 127 ? (char)b : $"\\x{b:X2}");
        return sb.ToString();
    }

    // ---- errors ----

    private DataFormatException Error(Segment s, int pos, string? path, string problem, Exception? inner = null)
    {
        string where = s.CompressedAt is long at
            ? $"byte {at.ToString(CultureInfo.InvariantCulture)} (compressed element, inflated byte {pos.ToString(CultureInfo.InvariantCulture)})"
            : $"byte {pos.ToString(CultureInfo.InvariantCulture)}";
        if (path is not null)
            where += $" in variable '{path}'";
        return new DataFormatException(_file, where, problem, inner);
    }

    // ---- tags ----

    private uint U32(byte[] b, int at) => _big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private Tag ReadTag(Segment s, int pos, int limit, string? path)
    {
        if (limit - pos < 8)
            throw Error(s, pos, path, $"expected an 8-byte data element tag, only {limit - pos} bytes remain (file truncated?)");
        uint word = U32(s.Data, pos);
        if ((word >> 16) != 0)
        {
            uint type = word & 0xFFFF;
            int size = (int)(word >> 16);
            if (!MatDataTypes.IsKnown(type))
                throw Error(s, pos, path, $"unknown data type {type}");
            if (size > 4)
                throw Error(s, pos, path, $"small data element declares {size} bytes (at most 4 fit)");
            return new Tag(type, size, pos + 4, pos + 8, pos);
        }
        uint bytes = U32(s.Data, pos + 4);
        if (!MatDataTypes.IsKnown(word))
            throw Error(s, pos, path, $"unknown data type {word}");
        long end = (long)pos + 8 + bytes;
        if (end > limit)
        {
            string container = limit == s.Length ? (s.CompressedAt is null ? "file" : "compressed element") : "enclosing array";
            if (path is null && word == (uint)MatDataType.Matrix)
                path = PeekName(s, pos + 8, limit);
            throw Error(s, pos, path, $"{MatDataTypes.Name(word)} element declares {bytes} bytes but the {container} has only {limit - pos - 8} left (file truncated?)");
        }
        long next = Math.Min(pos + 8 + ((bytes + 7L) & ~7L), limit);
        return new Tag(word, (int)bytes, pos + 8, (int)next, pos);
    }

    /// <summary>The name of a (truncated) array whose content starts at <paramref name="pos"/>, or null if even that is cut off.</summary>
    private string? PeekName(Segment s, int pos, int limit)
    {
        try
        {
            var flags = ReadTag(s, pos, limit, "?");
            var dims = ReadTag(s, flags.Next, limit, "?");
            var name = ReadTag(s, dims.Next, limit, "?");
            string text = Encoding.Latin1.GetString(s.Data, name.DataStart, name.Size).TrimEnd('\0');
            return text.Length > 0 ? text : null;
        }
        catch (DataFormatException)
        {
            return null;
        }
    }

    private void Expect(Segment s, Tag tag, MatDataType type, string? path, string what)
    {
        if (tag.Type != (uint)type)
            throw Error(s, tag.At, path, $"{what}: expected {MatDataTypes.Name((uint)type)}, found {MatDataTypes.Name(tag.Type)}");
    }

    private Segment Inflate(Segment s, Tag tag)
    {
        try
        {
            using var input = new MemoryStream(s.Data, tag.DataStart, tag.Size, writable: false);
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            z.CopyTo(output);
            return new Segment(output.GetBuffer(), (int)output.Length, tag.At);
        }
        catch (InvalidDataException e)
        {
            throw Error(s, tag.At, null, $"compressed element is corrupt ({e.Message})", e);
        }
    }

    // ---- arrays ----

    private (string Name, MatValue Value) ReadMatrix(Segment s, Tag matrix, string? path)
    {
        if (matrix.Size == 0)
            return ("", new MatNumericArray(MatClass.Double, [0, 0], []));   // MATLAB writes [] cells as empty elements
        int end = matrix.DataStart + matrix.Size;
        int pos = matrix.DataStart;

        var flagsTag = ReadTag(s, pos, end, path);
        Expect(s, flagsTag, MatDataType.UInt32, path, "array flags");
        if (flagsTag.Size < 8)
            throw Error(s, flagsTag.At, path, $"array flags are {flagsTag.Size} bytes, expected 8");
        uint flags = U32(s.Data, flagsTag.DataStart);
        uint nzMax = U32(s.Data, flagsTag.DataStart + 4);
        int cls = (int)(flags & 0xFF);
        bool complex = (flags & 0x0800) != 0, global = (flags & 0x0400) != 0, logical = (flags & 0x0200) != 0;
        pos = flagsTag.Next;

        var dimsTag = ReadTag(s, pos, end, path);
        Expect(s, dimsTag, MatDataType.Int32, path, "dimensions");
        int rank = dimsTag.Size / 4;
        if (rank < 2)
            throw Error(s, dimsTag.At, path, $"array has {rank} dimensions, at least 2 expected");
        var dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = (int)U32(s.Data, dimsTag.DataStart + 4 * d);
            if (dims[d] < 0)
                throw Error(s, dimsTag.At, path, $"dimension {d + 1} is negative ({dims[d]})");
            count *= dims[d];
        }
        pos = dimsTag.Next;

        var nameTag = ReadTag(s, pos, end, path);
        if (nameTag.Type is not ((uint)MatDataType.Int8 or (uint)MatDataType.UInt8))
            throw Error(s, nameTag.At, path, $"array name: expected miINT8, found {MatDataTypes.Name(nameTag.Type)}");
        string name = Encoding.Latin1.GetString(s.Data, nameTag.DataStart, nameTag.Size).TrimEnd('\0');
        path ??= name;
        pos = nameTag.Next;

        if (cls != (int)MatClass.Sparse && count > int.MaxValue)
            throw Error(s, dimsTag.At, path, $"array of {count} elements is too large");
        int n = (int)count;
        MatValue value;
        switch (cls)
        {
            case >= (int)MatClass.Double and <= (int)MatClass.UInt64:
            {
                var realTag = ReadTag(s, pos, end, path);
                double[] real = ReadNumbers(s, realTag, n, path, "real part");
                double[]? imag = null;
                if (complex)
                {
                    var imagTag = ReadTag(s, realTag.Next, end, path);
                    imag = ReadNumbers(s, imagTag, n, path, "imaginary part");
                }
                if (logical && (cls != (int)MatClass.UInt8 || complex))
                    throw Error(s, flagsTag.At, path, $"logical flag on class {(MatClass)cls}");
                value = new MatNumericArray((MatClass)cls, dims, real, imag, logical) { IsGlobal = global };
                break;
            }
            case (int)MatClass.Char:
            {
                var dataTag = ReadTag(s, pos, end, path);
                string chars = ReadChars(s, dataTag, path);
                if (chars.Length != n)
                    throw Error(s, dataTag.At, path, $"char array is {string.Join("x", dims)} ({n} characters) but its data holds {chars.Length}");
                value = new MatCharArray(dims, chars) { IsGlobal = global };
                break;
            }
            case (int)MatClass.Cell:
            {
                var cells = new MatValue[n];
                for (int i = 0; i < n; i++)
                {
                    string cellPath = $"{path}{{{i + 1}}}";
                    var cellTag = ReadTag(s, pos, end, cellPath);
                    Expect(s, cellTag, MatDataType.Matrix, cellPath, "cell");
                    cells[i] = ReadMatrix(s, cellTag, cellPath).Value;
                    pos = cellTag.Next;
                }
                value = new MatCellArray(dims, cells) { IsGlobal = global };
                break;
            }
            case (int)MatClass.Struct:
                value = ReadStruct(s, pos, end, dims, n, path, global);
                break;
            case (int)MatClass.Sparse:
                value = ReadSparse(s, pos, end, dims, (int)Math.Min(nzMax, int.MaxValue), complex, logical, path, global);
                break;
            case (int)MatClass.Object:
            {
                var classTag = ReadTag(s, pos, end, path);
                string className = Encoding.Latin1.GetString(s.Data, classTag.DataStart, classTag.Size).TrimEnd('\0');
                throw Error(s, matrix.At, path, $"MATLAB object of class '{className}' is not supported; convert it with struct(obj) before saving");
            }
            case 16:
                throw Error(s, matrix.At, path, "function handles are not supported");
            case 17:
                throw Error(s, matrix.At, path, "MATLAB objects (string, table, datetime, categorical, classdef) are not supported; convert to char, cell or numeric arrays before saving");
            default:
                throw Error(s, flagsTag.At, path, $"unknown array class {cls}");
        }
        return (name, value);
    }

    private MatStructArray ReadStruct(Segment s, int pos, int end, int[] dims, int n, string path, bool global)
    {
        var lenTag = ReadTag(s, pos, end, path);
        Expect(s, lenTag, MatDataType.Int32, path, "struct field name length");
        if (lenTag.Size < 4)
            throw Error(s, lenTag.At, path, "struct field name length is missing");
        int nameLength = (int)U32(s.Data, lenTag.DataStart);
        var namesTag = ReadTag(s, lenTag.Next, end, path);
        if (namesTag.Type is not ((uint)MatDataType.Int8 or (uint)MatDataType.UInt8))
            throw Error(s, namesTag.At, path, $"struct field names: expected miINT8, found {MatDataTypes.Name(namesTag.Type)}");
        if (nameLength <= 0 && namesTag.Size > 0 || nameLength > 0 && namesTag.Size % nameLength != 0)
            throw Error(s, namesTag.At, path, $"struct field names take {namesTag.Size} bytes, not a multiple of the field name length {nameLength}");
        int fieldCount = nameLength <= 0 ? 0 : namesTag.Size / nameLength;
        var fields = new string[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            var raw = s.Data.AsSpan(namesTag.DataStart + f * nameLength, nameLength);
            int zero = raw.IndexOf((byte)0);
            fields[f] = Encoding.Latin1.GetString(zero < 0 ? raw : raw[..zero]);
        }
        pos = namesTag.Next;
        var elements = new MatValue[n][];
        for (int e = 0; e < n; e++)
        {
            elements[e] = new MatValue[fieldCount];
            for (int f = 0; f < fieldCount; f++)
            {
                string fieldPath = n == 1 ? $"{path}.{fields[f]}" : $"{path}({e + 1}).{fields[f]}";
                var fieldTag = ReadTag(s, pos, end, fieldPath);
                Expect(s, fieldTag, MatDataType.Matrix, fieldPath, "struct field");
                elements[e][f] = ReadMatrix(s, fieldTag, fieldPath).Value;
                pos = fieldTag.Next;
            }
        }
        try
        {
            return new MatStructArray(dims, fields, elements) { IsGlobal = global };
        }
        catch (ArgumentException e)
        {
            throw Error(s, namesTag.At, path, $"struct field names are invalid ({string.Join(", ", fields)})", e);
        }
    }

    private MatNumericArray ReadSparse(Segment s, int pos, int end, int[] dims, int nzMax, bool complex, bool logical, string path, bool global)
    {
        if (dims.Length != 2)
            throw Error(s, pos, path, $"sparse array has {dims.Length} dimensions, expected 2");
        int rows = dims[0], cols = dims[1];
        if ((long)rows * cols > int.MaxValue)
            throw Error(s, pos, path, $"sparse array of {rows}x{cols} is too large to expand to a dense array");
        var irTag = ReadTag(s, pos, end, path);
        var jcTag = ReadTag(s, irTag.Next, end, path);
        var prTag = ReadTag(s, jcTag.Next, end, path);
        double[] ir = ReadNumbers(s, irTag, -1, path, "sparse row indices");
        double[] jc = ReadNumbers(s, jcTag, cols + 1, path, "sparse column starts");
        double[] pr = ReadNumbers(s, prTag, -1, path, "sparse values");
        double[]? pi = complex ? ReadNumbers(s, ReadTag(s, prTag.Next, end, path), pr.Length, path, "sparse imaginary values") : null;
        var real = new double[rows * cols];
        var imag = complex ? new double[rows * cols] : null;
        for (int c = 0; c < cols; c++)
        {
            int from = (int)jc[c], to = (int)jc[c + 1];
            if (from < 0 || to < from || to > pr.Length || to > ir.Length)
                throw Error(s, jcTag.At, path, $"sparse column {c + 1} spans entries [{from}, {to}) outside the {Math.Min(pr.Length, ir.Length)} stored values (nzmax {nzMax})");
            for (int k = from; k < to; k++)
            {
                int r = (int)ir[k];
                if ((uint)r >= (uint)rows)
                    throw Error(s, irTag.At, path, $"sparse row index {r} outside {rows} rows");
                real[c * rows + r] = logical ? (pr[k] != 0 ? 1 : 0) : pr[k];
                if (imag is not null)
                    imag[c * rows + r] = pi![k];
            }
        }
        return new MatNumericArray(logical ? MatClass.UInt8 : MatClass.Double, dims, real, imag, logical, isSparse: true) { IsGlobal = global };
    }

    /// <summary>Numeric data of any stored type as doubles; <paramref name="expected"/> &lt; 0 accepts any count.</summary>
    private double[] ReadNumbers(Segment s, Tag tag, int expected, string path, string what)
    {
        if (!MatDataTypes.IsKnown(tag.Type) || MatDataTypes.NumericSize((MatDataType)tag.Type) == 0)
            throw Error(s, tag.At, path, $"{what}: expected numeric data, found {MatDataTypes.Name(tag.Type)}");
        var type = (MatDataType)tag.Type;
        int size = MatDataTypes.NumericSize(type);
        if (tag.Size % size != 0)
            throw Error(s, tag.At, path, $"{what}: {tag.Size} bytes is not a whole number of {MatDataTypes.Name(tag.Type)} values");
        int count = tag.Size / size;
        if (expected >= 0 && count != expected)
            throw Error(s, tag.At, path, $"{what} holds {count} values, the array needs {expected}");
        var result = new double[count];
        var span = s.Data.AsSpan(tag.DataStart, tag.Size);
        bool big = _big;
        for (int i = 0; i < count; i++)
        {
            var b = span.Slice(i * size, size);
            result[i] = type switch
            {
                MatDataType.Int8 => (sbyte)b[0],
                MatDataType.UInt8 => b[0],
                MatDataType.Int16 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                MatDataType.UInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
                MatDataType.Int32 => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                MatDataType.UInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
                MatDataType.Single => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                MatDataType.Double => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                MatDataType.Int64 => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                _ => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
            };
        }
        return result;
    }

    private string ReadChars(Segment s, Tag tag, string path)
    {
        var span = s.Data.AsSpan(tag.DataStart, tag.Size);
        switch ((MatDataType)tag.Type)
        {
            case MatDataType.Utf8:
                return Encoding.UTF8.GetString(span);
            case MatDataType.UInt8:
            case MatDataType.Int8:
                return Encoding.Latin1.GetString(span);
            case MatDataType.UInt16:
            case MatDataType.Utf16:
                return (_big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(span);
            case MatDataType.Utf32:
                return new UTF32Encoding(_big, false).GetString(span);
            default:
                throw Error(s, tag.At, path, $"char data: expected miUTF8, miUTF16 or miUINT16, found {MatDataTypes.Name(tag.Type)}");
        }
    }
}
