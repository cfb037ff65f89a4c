namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// A MATLAB struct array: field names and, for each element (column-major), one value per field.
/// A 1x1 struct is the common case (<see cref="this[string]"/>).
/// </summary>
public sealed class MatStructArray : MatValue
{
    private readonly string[] _fieldNames;
    private readonly MatValue[][] _elements;

    /// <param name="dimensions">Size of the struct array.</param>
    /// <param name="fieldNames">Field names, in file order.</param>
    /// <param name="elements">Per element (column-major), the field values in <paramref name="fieldNames"/> order.</param>
    public MatStructArray(IReadOnlyList<int> dimensions, IReadOnlyList<string> fieldNames, IReadOnlyList<IReadOnlyList<MatValue>> elements)
        : base(dimensions)
    {
        ArgumentNullException.ThrowIfNull(fieldNames);
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Count != ElementCount)
            throw new ArgumentException($"{elements.Count} elements for a {SizeText} struct array.", nameof(elements));
        if (fieldNames.Distinct(StringComparer.Ordinal).Count() != fieldNames.Count)
            throw new ArgumentException("Field names repeat.", nameof(fieldNames));
        foreach (var e in elements)
        {
            if (e.Count != fieldNames.Count)
                throw new ArgumentException($"An element has {e.Count} values for {fieldNames.Count} fields.", nameof(elements));
        }
        _fieldNames = fieldNames.ToArray();
        _elements = elements.Select(e => e.ToArray()).ToArray();
    }

    public override MatClass ClassType => MatClass.Struct;

    public IReadOnlyList<string> FieldNames => _fieldNames;

    public bool HasField(string field) => Array.IndexOf(_fieldNames, field) >= 0;

    /// <summary>Field <paramref name="field"/> of element <paramref name="element"/> (column-major index).</summary>
    public MatValue this[int element, string field]
    {
        get
        {
            int f = Array.IndexOf(_fieldNames, field);
            if (f < 0)
                throw new KeyNotFoundException($"Struct has no field '{field}' (fields: {string.Join(", ", _fieldNames)}).");
            return _elements[element][f];
        }
    }

    /// <summary>Field <paramref name="field"/> of the only element of a 1x1 struct.</summary>
    public MatValue this[string field] => ElementCount == 1
        ? this[0, field]
        : throw new InvalidOperationException($"A {SizeText} struct array has no single '{field}'; index an element.");

    /// <summary>Field <paramref name="field"/> of element <paramref name="element"/>, or null if there is no such field.</summary>
    public MatValue? TryGet(int element, string field)
    {
        int f = Array.IndexOf(_fieldNames, field);
        return f < 0 ? null : _elements[element][f];
    }

    /// <summary>The field values of element <paramref name="element"/> in <see cref="FieldNames"/> order.</summary>
    public IReadOnlyList<MatValue> Element(int element) => _elements[element];

    /// <summary>A 1x1 struct with the given fields, in order.</summary>
    public static MatStructArray Scalar(params IReadOnlyList<KeyValuePair<string, MatValue>> fields) =>
        new([1, 1], fields.Select(f => f.Key).ToArray(), [fields.Select(f => f.Value).ToArray()]);
}
