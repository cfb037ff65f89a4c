namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// One MATLAB array read from or written to a MAT-file: <see cref="MatNumericArray"/> (numeric, logical, sparse),
/// <see cref="MatCharArray"/>, <see cref="MatCellArray"/> or <see cref="MatStructArray"/>.
/// </summary>
/// <remarks>Element order is MATLAB's column-major order throughout (first index fastest).</remarks>
public abstract class MatValue
{
    private protected MatValue(IReadOnlyList<int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count < 2)
            throw new ArgumentException("A MATLAB array has at least two dimensions.", nameof(dimensions));
        long count = 1;
        foreach (int d in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dimensions));
            count *= d;
        }
        if (count > int.MaxValue)
            throw new ArgumentException("Array has more than int.MaxValue elements.", nameof(dimensions));
        Dimensions = dimensions.ToArray();
        ElementCount = (int)count;
    }

    /// <summary>Size in each dimension (at least two, as MATLAB's <c>size</c>).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Product of the dimensions (MATLAB's <c>numel</c>).</summary>
    public int ElementCount { get; }

    /// <summary>True when some dimension is zero.</summary>
    public bool IsEmpty => ElementCount == 0;

    /// <summary>The MATLAB class (logical arrays report <see cref="MatClass.UInt8"/>, sparse arrays <see cref="MatClass.Sparse"/>).</summary>
    public abstract MatClass ClassType { get; }

    /// <summary>The array was saved as a global variable.</summary>
    public bool IsGlobal { get; init; }

    /// <summary>Rows (first dimension).</summary>
    public int Rows => Dimensions[0];

    /// <summary>Columns: product of all dimensions after the first.</summary>
    public int Columns => Dimensions.Count == 2 ? Dimensions[1] : (Dimensions[0] == 0 ? 0 : ElementCount / Dimensions[0]);

    /// <summary>Column-major linear index of <paramref name="subscripts"/> (zero-based; missing trailing subscripts are zero).</summary>
    public int LinearIndex(params ReadOnlySpan<int> subscripts)
    {
        if (subscripts.Length > Dimensions.Count)
            throw new ArgumentException($"{subscripts.Length} subscripts for a {Dimensions.Count}-D array.", nameof(subscripts));
        int index = 0, stride = 1;
        for (int d = 0; d < subscripts.Length; d++)
        {
            if ((uint)subscripts[d] >= (uint)Dimensions[d])
                throw new ArgumentOutOfRangeException(nameof(subscripts), $"Subscript {subscripts[d]} in dimension {d + 1} exceeds size {Dimensions[d]}.");
            index += subscripts[d] * stride;
            stride *= Dimensions[d];
        }
        return index;
    }

    /// <summary>Dimensions as MATLAB prints them, e.g. "3x4x2".</summary>
    public string SizeText => string.Join("x", Dimensions.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
