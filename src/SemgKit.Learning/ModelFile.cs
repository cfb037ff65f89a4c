namespace SemgKit.Learning;

/// <summary>Shared strict reading helpers for the classifiers' binary model files.</summary>
internal static class ModelFile
{
    public const int MaxClasses = 1 << 16;
    public const int MaxFeatures = 1 << 20;
    public const long MaxValues = 1L << 28;

    /// <summary>Reads and checks magic and version; throws <see cref="InvalidDataException"/> naming the model.</summary>
    public static void Header(BinaryReader reader, uint magic, string tag, int version, string model)
    {
        var m = reader.ReadUInt32();
        if (m != magic)
            throw new InvalidDataException($"Not a{(model[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "n" : "")} {model} model: magic 0x{m:X8}, expected 0x{magic:X8} (\"{tag}\").");
        var v = reader.ReadInt32();
        if (v != version)
            throw new InvalidDataException($"{model} model format version {v} is not supported (this SemgKit reads version {version}); refit the model or load it with the SemgKit version that wrote it.");
    }

    public static int Int(BinaryReader reader, string model, string what, int min, int max)
    {
        var v = reader.ReadInt32();
        if (v < min || v > max)
            throw new InvalidDataException($"{model} model {what} {v} is out of range [{min}, {max}].");
        return v;
    }

    public static float[] Floats(BinaryReader reader, long count, string model, string what)
    {
        if (count < 0 || count > MaxValues)
            throw new InvalidDataException($"{model} model {what} has {count} values, outside [0, {MaxValues}].");
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
            if (!float.IsFinite(values[i]))
                throw new InvalidDataException($"{model} model {what}[{i}] = {values[i]} is not finite.");
        }
        return values;
    }

    public static double[] Doubles(BinaryReader reader, long count, string model, string what)
    {
        if (count < 0 || count > MaxValues)
            throw new InvalidDataException($"{model} model {what} has {count} values, outside [0, {MaxValues}].");
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
            if (!double.IsFinite(values[i]))
                throw new InvalidDataException($"{model} model {what}[{i}] = {values[i]} is not finite.");
        }
        return values;
    }

    public static int[] Ints(BinaryReader reader, long count, string model, string what, int min, int max)
    {
        if (count < 0 || count > MaxValues)
            throw new InvalidDataException($"{model} model {what} has {count} values, outside [0, {MaxValues}].");
        var values = new int[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
            if (values[i] < min || values[i] > max)
                throw new InvalidDataException($"{model} model {what}[{i}] = {values[i]} is out of range [{min}, {max}].");
        }
        return values;
    }

    /// <summary>Runs <paramref name="read"/>, turning a truncated stream into an <see cref="InvalidDataException"/>.</summary>
    public static T Guard<T>(string model, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{model} model is truncated (the stream ended before all parameters were read).", e);
        }
    }

    /// <summary>Checks the probabilities span: empty, or exactly K.</summary>
    public static void CheckSpans(ReadOnlySpan<float> features, int f, Span<float> probabilities, int k)
    {
        if (features.Length != f)
            throw new ArgumentException($"features has length {features.Length}; expected F = {f}.", nameof(features));
        if (!probabilities.IsEmpty && probabilities.Length != k)
            throw new ArgumentException($"probabilities has length {probabilities.Length}; expected K = {k} (or empty).", nameof(probabilities));
    }
}
