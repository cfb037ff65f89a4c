namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>A MATLAB cell array: one <see cref="MatValue"/> per element, column-major.</summary>
public sealed class MatCellArray : MatValue
{
    private readonly MatValue[] _cells;

    public MatCellArray(IReadOnlyList<int> dimensions, IReadOnlyList<MatValue> cells) : base(dimensions)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != ElementCount)
            throw new ArgumentException($"{cells.Count} cells for a {SizeText} cell array.", nameof(cells));
        _cells = cells.ToArray();
    }

    public override MatClass ClassType => MatClass.Cell;

    /// <summary>The cells in column-major order.</summary>
    public IReadOnlyList<MatValue> Cells => _cells;

    /// <summary>The cell at column-major linear index <paramref name="index"/>.</summary>
    public MatValue this[int index] => _cells[index];

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public MatValue this[int row, int column] => _cells[LinearIndex(row, column)];

    /// <summary>A 1xN cell row holding <paramref name="cells"/>.</summary>
    public static MatCellArray Row(params IReadOnlyList<MatValue> cells) => new([1, cells.Count], cells);
}
