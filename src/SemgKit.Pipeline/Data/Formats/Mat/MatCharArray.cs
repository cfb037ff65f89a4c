namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// A MATLAB char array, exposed as one string per row. A 1xN array is one string (<see cref="Text"/>);
/// an MxN char matrix is M strings of N characters (MATLAB pads them with spaces).
/// Arrays with more than two dimensions fold the trailing dimensions into the row length.
/// </summary>
public sealed class MatCharArray : MatValue
{
    /// <param name="dimensions">Size in each dimension.</param>
    /// <param name="characters">The UTF-16 code units, column-major.</param>
    public MatCharArray(IReadOnlyList<int> dimensions, string characters) : base(dimensions)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length != ElementCount)
            throw new ArgumentException($"{characters.Length} characters for a {SizeText} char array.", nameof(characters));
        Characters = characters;
        int rows = Rows, cols = Columns;
        var result = new string[rows];
        var buffer = new char[cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
                buffer[c] = characters[c * rows + r];
            result[r] = new string(buffer);
        }
        RowStrings = result;
    }

    public override MatClass ClassType => MatClass.Char;

    /// <summary>All characters in column-major order (as stored).</summary>
    public string Characters { get; }

    /// <summary>One string per row.</summary>
    public IReadOnlyList<string> RowStrings { get; }

    /// <summary>The rows joined with '\n' (for a 1xN array, the string itself); "" when empty.</summary>
    public string Text => string.Join('\n', RowStrings);

    /// <summary>A 1xN char array holding <paramref name="text"/>.</summary>
    public static MatCharArray FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MatCharArray([text.Length == 0 ? 0 : 1, text.Length], text);
    }

    /// <summary>An MxN char matrix, rows right-padded with spaces to the longest (as MATLAB's <c>char(...)</c>).</summary>
    public static MatCharArray FromRows(IReadOnlyList<string> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var chars = new char[rows.Count * width];
        for (int r = 0; r < rows.Count; r++)
        {
            string padded = rows[r].PadRight(width);
            for (int c = 0; c < width; c++)
                chars[c * rows.Count + r] = padded[c];
        }
        return new MatCharArray([rows.Count, width], new string(chars));
    }

    public override string ToString() => Text;
}
