using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SemgKit.Learning;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// The model bundle: one immutable, versioned file holding the manifest (channels, rate, filter, windows, features,
/// classes, post-processing) and the fitted classifier (standardisation included). What is trained is exactly what
/// streams: <see cref="CreateEncoder"/> and <see cref="Streaming.StreamingClassifier"/> rebuild the same path from it.
/// </summary>
/// <remarks>
/// File layout (little-endian): magic <c>SEMGMODL</c>; int32 format version; int32 length + UTF-8 JSON manifest;
/// int32 section count, then per section a length-prefixed name, int64 length and bytes; finally a 64-bit FNV-1a
/// checksum of everything before it. Loading is strict: wrong magic, unknown version, unknown or missing sections,
/// truncation and checksum mismatch are errors naming the file and byte position.
/// </remarks>
public sealed class EmgModel
{
    public const int FormatVersion = 1;
    public const string FileExtension = ".semg";
    private static readonly byte[] Magic = "SEMGMODL"u8.ToArray();
    private const string ClassifierSection = "classifier";

    public EmgModel(ModelManifest manifest, IClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(classifier);
        if (classifier.ClassCount != manifest.ClassNames.Count)
            throw new ArgumentException($"classifier has {classifier.ClassCount} classes, manifest {manifest.ClassNames.Count}");
        Manifest = manifest;
        Classifier = classifier;
        var encoder = CreateEncoder();
        Representation = encoder.Representation;
        int expected = encoder.FeatureCount;
        if (classifier.FeatureCount != expected)
            throw new ArgumentException($"classifier takes {classifier.FeatureCount} values per window, the encoder makes {expected} ({WindowRepresentation.Describe(manifest.Encoder.Input)})");
    }

    public ModelManifest Manifest { get; }

    /// <summary>Window row → class (standardisation inside). Not thread-safe: one per stream.</summary>
    public IClassifier Classifier { get; }

    /// <summary>What each window becomes (shape, codes); extract with a representation of your own from <see cref="CreateEncoder"/>.</summary>
    public WindowRepresentation Representation { get; }

    public IReadOnlyList<string> ClassNames => Manifest.ClassNames;

    public int ChannelCount => Manifest.ChannelNames.Count;

    public double SampleRateHz => Manifest.SampleRateHz;

    /// <summary>
    /// An independent copy of <see cref="Classifier"/> with its own scratch buffers (a save/load round trip, so
    /// predictions are bit-identical). Classifiers are not thread-safe, so every concurrently running stream needs one;
    /// <see cref="Streaming.StreamingClassifier"/> takes one at construction.
    /// </summary>
    public IClassifier CopyClassifier()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            ClassifierCodec.Write(Classifier, w);
        buffer.Position = 0;
        using var r = new BinaryReader(buffer, Encoding.UTF8);
        return ClassifierCodec.Read(r);
    }

    /// <summary>The offline encoder for this model's signal path.</summary>
    public FeatureWindowEncoder CreateEncoder() =>
        new(Manifest.Encoder, SampleRateHz, ChannelCount, ClassNames.Count);

    /// <summary>Checks that <paramref name="dataset"/> can be fed to this model (channels, rate, classes).</summary>
    public void RequireCompatible(Dataset dataset)
    {
        if (dataset.ChannelCount != ChannelCount)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: {dataset.ChannelCount} channels, the model was trained on {ChannelCount} ({string.Join(", ", Manifest.ChannelNames)})");
        if (dataset.SampleRateHz != SampleRateHz)
            throw new SemgException($"{dataset.Source ?? dataset.Name}: sampled at {dataset.SampleRateHz} Hz, the model was trained at {SampleRateHz} Hz");
        foreach (var name in dataset.ClassNames)
        {
            if (!ClassNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new SemgException($"{dataset.Source ?? dataset.Name}: class '{name}' is unknown to the model (it knows {string.Join(", ", ClassNames)})");
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            var json = JsonSerializer.SerializeToUtf8Bytes(Manifest, JsonOptions);
            w.Write(json.Length);
            w.Write(json);
            w.Write(1);
            using var section = new MemoryStream();
            using (var sw = new BinaryWriter(section, Encoding.UTF8, leaveOpen: true))
                ClassifierCodec.Write(Classifier, sw);
            w.Write(ClassifierSection);
            w.Write(section.Length);
            w.Write(section.GetBuffer(), 0, (int)section.Length);
        }
        ulong checksum = Fnv1a(body.GetBuffer().AsSpan(0, (int)body.Length));
        body.Write(BitConverter.GetBytes(checksum));
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, body.ToArray());
        File.Move(temp, path, overwrite: true);
    }

    public static EmgModel Load(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, null, "model file not found");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new DataFormatException(path, "byte 0", "not a SemgKit model bundle (no SEMGMODL magic); train one with 'semg train'");
        if (bytes.Length < Magic.Length + 4 + 8)
            throw new DataFormatException(path, $"byte {bytes.Length}", "truncated model bundle");
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 8, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        stream.Position = Magic.Length;
        int version = r.ReadInt32();
        if (version != FormatVersion)
            throw new DataFormatException(path, $"byte {Magic.Length}", $"model format version {version}; this SemgKit reads version {FormatVersion} — {(version > FormatVersion ? "update SemgKit (dotnet tool update -g SemgKit.Cli)" : "retrain the model with this SemgKit")}");
        ulong stored = BitConverter.ToUInt64(bytes, bytes.Length - 8);
        ulong actual = Fnv1a(bytes.AsSpan(0, bytes.Length - 8));
        if (stored != actual)
            throw new DataFormatException(path, $"byte {bytes.Length - 8}", "checksum mismatch: the model file is corrupt or truncated");
        try
        {
            int jsonLength = r.ReadInt32();
            if (jsonLength <= 0 || jsonLength > stream.Length - stream.Position)
                throw new DataFormatException(path, $"byte {stream.Position - 4}", $"manifest length {jsonLength} is invalid");
            long jsonStart = stream.Position;
            ModelManifest manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<ModelManifest>(r.ReadBytes(jsonLength), JsonOptions)
                    ?? throw new DataFormatException(path, $"byte {jsonStart}", "empty manifest");
            }
            catch (JsonException e)
            {
                throw new DataFormatException(path, $"byte {jsonStart}", "manifest: " + e.Message, e);
            }
            int sections = r.ReadInt32();
            IClassifier? classifier = null;
            for (int s = 0; s < sections; s++)
            {
                long at = stream.Position;
                string name = r.ReadString();
                long length = r.ReadInt64();
                if (length < 0 || length > stream.Length - stream.Position)
                    throw new DataFormatException(path, $"byte {at}", $"section '{name}' length {length} runs past the end");
                long start = stream.Position;
                switch (name)
                {
                    case ClassifierSection:
                        classifier = ClassifierCodec.Read(r);
                        break;
                    default:
                        throw new DataFormatException(path, $"byte {at}", $"unexpected section '{name}' (this SemgKit knows: {ClassifierSection})");
                }
                if (stream.Position != start + length)
                    throw new DataFormatException(path, $"byte {start}", $"section '{name}' is {length} bytes but {stream.Position - start} were read");
            }
            if (classifier is null)
                throw new DataFormatException(path, null, $"missing section '{ClassifierSection}'");
            if (stream.Position != stream.Length)
                throw new DataFormatException(path, $"byte {stream.Position}", "unexpected bytes after the last section");
            try
            {
                return new EmgModel(manifest, classifier);
            }
            catch (Exception e) when (e is ArgumentException or SemgException)
            {
                throw new DataFormatException(path, null, "inconsistent bundle: " + e.Message, e);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new DataFormatException(path, $"byte {stream.Position}", "truncated model bundle", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"byte {stream.Position}", e.Message, e);
        }
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
