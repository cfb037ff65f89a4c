namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// The top-level variables of a MATLAB MAT-file (Level 5, i.e. MATLAB's <c>-v6</c>/<c>-v7</c> formats and
/// <c>scipy.io.savemat</c>), in file order.
/// </summary>
/// <remarks>
/// Reads both byte orders, compressed (<c>miCOMPRESSED</c>, zlib) and plain variables, numeric/logical/complex,
/// char, cell, struct and sparse arrays (sparse expanded to dense). MATLAB objects (classdef objects, string,
/// table, datetime) and function handles are rejected with a <see cref="DataFormatException"/>.
/// MAT v7.3 files are HDF5 files and are not supported; v4 files neither.
/// </remarks>
public sealed class MatFile
{
    private readonly Dictionary<string, MatValue> _variables;
    private readonly string[] _names;

    public MatFile(IEnumerable<KeyValuePair<string, MatValue>> variables, string headerText = "", bool isBigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = new Dictionary<string, MatValue>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, value) in variables)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!_variables.TryAdd(name, value))
                throw new ArgumentException($"Variable '{name}' appears twice.", nameof(variables));
            names.Add(name);
        }
        _names = names.ToArray();
        HeaderText = headerText;
        IsBigEndian = isBigEndian;
    }

    /// <summary>The descriptive text of the 128-byte header (e.g. "MATLAB 5.0 MAT-file, Platform: …"), trailing blanks removed.</summary>
    public string HeaderText { get; }

    /// <summary>The file was written big-endian ("MI" indicator).</summary>
    public bool IsBigEndian { get; }

    /// <summary>Variable names in file order.</summary>
    public IReadOnlyList<string> VariableNames => _names;

    public IReadOnlyDictionary<string, MatValue> Variables => _variables;

    /// <summary>The variable <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming the variables present.</summary>
    public MatValue this[string name] => _variables.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"No variable '{name}' (variables: {string.Join(", ", _names)}).");

    public bool Contains(string name) => _variables.ContainsKey(name);

    /// <summary>The variable <paramref name="name"/> if present and of type <typeparamref name="T"/>, else null.</summary>
    public T? TryGet<T>(string name) where T : MatValue =>
        _variables.TryGetValue(name, out var v) ? v as T : null;

    /// <summary>Reads a Level 5 MAT-file. Errors are <see cref="DataFormatException"/>s naming the byte and variable.</summary>
    public static MatFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, null, e.Message, e);
        }
        return MatParser.Parse(bytes, path);
    }

    /// <summary>Reads a Level 5 MAT-file from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static MatFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return MatParser.Parse(ms.ToArray(), sourceName);
    }
}
