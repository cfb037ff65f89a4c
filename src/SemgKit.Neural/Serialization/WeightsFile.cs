using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SemgKit.Neural.Serialization;

/// <summary>
/// Named float32 tensors in a small binary format a model bundle can embed in any stream:
/// <code>
/// "SKNN" (4 ASCII bytes) · version int32 (1) · count int32 ·
/// per tensor: name (int32 UTF-8 byte length + bytes) · rank int32 · dims int32[rank] · values float32[product]
/// </code>
/// All integers and floats are little-endian. Reading stops after the last tensor (the stream may continue).
/// </summary>
public static class WeightsFile
{
    public static ReadOnlySpan<byte> Magic => "SKNN"u8;

    public const int CurrentVersion = 1;

    /// <summary>Writes <paramref name="tensors"/> (e.g. <see cref="Layer.State"/>) to <paramref name="stream"/>; leaves it open.</summary>
    public static void Save(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var list = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in list)
            if (!names.Add(t.Key)) throw new ArgumentException($"Duplicate tensor name '{t.Key}'.", nameof(tensors));
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(CurrentVersion);
        w.Write(list.Count);
        foreach (var (name, tensor) in list)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            w.Write(bytes.Length);
            w.Write(bytes);
            w.Write(tensor.Rank);
            foreach (var d in tensor.Shape) w.Write(d);
            var data = tensor.Span;
            if (BitConverter.IsLittleEndian) w.Write(MemoryMarshal.AsBytes((ReadOnlySpan<float>)data));
            else foreach (var v in data) w.Write(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(v)));
        }
    }

    /// <summary>Saves a model's <see cref="Layer.State"/> to a file.</summary>
    public static void Save(string path, Layer model)
    {
        using var f = File.Create(path);
        Save(f, model.State());
    }

    /// <summary>Reads every tensor, in file order. Throws <see cref="InvalidDataException"/> on a bad magic, unknown version or truncation.</summary>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> Load(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            r.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
                throw new InvalidDataException("Not a SemgKit weights file (the magic \"SKNN\" is missing).");
            int version = r.ReadInt32();
            if (version != CurrentVersion)
                throw new InvalidDataException(
                    $"Weights file version {version} is not supported; this SemgKit.Neural reads version {CurrentVersion}. " +
                    (version > CurrentVersion ? "Upgrade SemgKit to a release that reads it, or re-save the model with this version." : "Re-save the model with this SemgKit version."));
            int count = r.ReadInt32();
            if (count < 0) throw new InvalidDataException($"Negative tensor count {count}.");
            var result = new List<KeyValuePair<string, Tensor>>(count);
            for (int i = 0; i < count; i++)
            {
                int nameLength = r.ReadInt32();
                if (nameLength is < 0 or > 1 << 16) throw new InvalidDataException($"Tensor {i}: bad name length {nameLength}.");
                string name = Encoding.UTF8.GetString(r.ReadBytes(nameLength));
                int rank = r.ReadInt32();
                if (rank is < 0 or > 16) throw new InvalidDataException($"Tensor '{name}': bad rank {rank}.");
                var shape = new int[rank];
                for (int d = 0; d < rank; d++) shape[d] = r.ReadInt32();
                Tensor tensor;
                try { tensor = new Tensor(shape); }
                catch (ArgumentException e) { throw new InvalidDataException($"Tensor '{name}': {e.Message}"); }
                var bytes = MemoryMarshal.AsBytes(tensor.Span);
                r.BaseStream.ReadExactly(bytes);
                if (!BitConverter.IsLittleEndian)
                {
                    var ints = MemoryMarshal.Cast<float, int>(tensor.Span);
                    BinaryPrimitives.ReverseEndianness(ints, ints);
                }
                result.Add(new(name, tensor));
            }
            return result;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("The weights file is truncated.");
        }
    }

    /// <summary>
    /// Strict load into <paramref name="model"/>: every tensor of <see cref="Layer.State"/> must be present with the same
    /// shape and no other tensor may be present. On any mismatch nothing is changed and the error lists every missing,
    /// unexpected and mis-shaped tensor.
    /// </summary>
    public static void LoadInto(Stream stream, Layer model) => Assign(Load(stream), model.State());

    /// <summary>Strict load of a model's state from a file.</summary>
    public static void LoadInto(string path, Layer model)
    {
        using var f = File.OpenRead(path);
        LoadInto(f, model);
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> strictly (see <see cref="LoadInto(Stream, Layer)"/>).</summary>
    public static void Assign(IReadOnlyList<KeyValuePair<string, Tensor>> source, IReadOnlyList<KeyValuePair<string, Tensor>> target)
    {
        var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (k, v) in source) byName[k] = v;
        var expected = target.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var missing = target.Where(t => !byName.ContainsKey(t.Key)).Select(t => t.Key).ToList();
        var unexpected = source.Select(s => s.Key).Where(k => !expected.Contains(k)).ToList();
        var mismatched = target.Where(t => byName.TryGetValue(t.Key, out var s) && !s.HasShape(t.Value.Shape))
            .Select(t => $"{t.Key}: file {Tensor.ShapeString(byName[t.Key].Shape)}, model {Tensor.ShapeString(t.Value.Shape)}").ToList();
        if (missing.Count + unexpected.Count + mismatched.Count > 0)
        {
            var sb = new StringBuilder("The weights do not fit the model.");
            if (missing.Count > 0) sb.Append(" Missing: ").AppendJoin(", ", missing).Append('.');
            if (unexpected.Count > 0) sb.Append(" Unexpected: ").AppendJoin(", ", unexpected).Append('.');
            if (mismatched.Count > 0) sb.Append(" Shape mismatch: ").AppendJoin("; ", mismatched).Append('.');
            throw new InvalidDataException(sb.ToString());
        }
        foreach (var (k, v) in target) v.CopyFrom(byName[k]);
    }
}
