namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// A numeric, logical or sparse MATLAB array. Values are held as doubles in column-major order whatever
/// the class and the stored data type (MATLAB may store a double array as <c>miUINT8</c>; it is converted).
/// </summary>
/// <remarks>
/// int64/uint64 values beyond ±2^53 lose precision in the double representation.
/// Sparse arrays are expanded to dense arrays (<see cref="IsSparse"/> is set).
/// </remarks>
public sealed class MatNumericArray : MatValue
{
    private readonly double[] _real;
    private readonly double[]? _imag;
    private readonly MatClass _class;

    /// <param name="classType">A numeric class (<see cref="MatClass.Double"/> … <see cref="MatClass.UInt64"/>).</param>
    /// <param name="dimensions">Size in each dimension (at least two).</param>
    /// <param name="real">Real parts, column-major, length = product of dimensions.</param>
    /// <param name="imag">Imaginary parts, or null for a real array.</param>
    /// <param name="isLogical">A logical array (class must be <see cref="MatClass.UInt8"/>).</param>
    /// <param name="isSparse">Read from a sparse array (class <see cref="MatClass.Double"/>, or <see cref="MatClass.UInt8"/> when logical).</param>
    public MatNumericArray(MatClass classType, IReadOnlyList<int> dimensions, double[] real, double[]? imag = null, bool isLogical = false, bool isSparse = false)
        : base(dimensions)
    {
        ArgumentNullException.ThrowIfNull(real);
        if (classType < MatClass.Double || classType > MatClass.UInt64)
            throw new ArgumentException($"{classType} is not a numeric class.", nameof(classType));
        if (real.Length != ElementCount)
            throw new ArgumentException($"{real.Length} values for a {SizeText} array.", nameof(real));
        if (imag is not null && imag.Length != ElementCount)
            throw new ArgumentException($"{imag.Length} imaginary values for a {SizeText} array.", nameof(imag));
        if (isLogical && (classType != MatClass.UInt8 || imag is not null))
            throw new ArgumentException("A logical array has class UInt8 and no imaginary part.", nameof(isLogical));
        _class = classType;
        _real = real;
        _imag = imag;
        IsLogical = isLogical;
        IsSparse = isSparse;
    }

    /// <summary>The numeric class as stored in the array flags (sparse arrays report their value class here).</summary>
    public MatClass NumericClass => _class;

    public override MatClass ClassType => IsSparse ? MatClass.Sparse : _class;

    /// <summary>Real parts, column-major.</summary>
    public ReadOnlySpan<double> Real => _real;

    /// <summary>Imaginary parts, column-major; empty for a real array.</summary>
    public ReadOnlySpan<double> Imag => _imag;

    public bool IsComplex => _imag is not null;

    public bool IsLogical { get; }

    public bool IsSparse { get; }

    /// <summary>Real part of the element at column-major linear index <paramref name="index"/>.</summary>
    public double this[int index] => _real[index];

    /// <summary>Real part of element (<paramref name="row"/>, <paramref name="column"/>) of a 2-D array.</summary>
    public double this[int row, int column] => _real[LinearIndex(row, column)];

    /// <summary>The value of a 1x1 array.</summary>
    public double ScalarValue => ElementCount == 1
        ? _real[0]
        : throw new InvalidOperationException($"A {SizeText} array is not a scalar.");

    /// <summary>The real parts as a (rows, columns) float matrix; arrays with more than two dimensions fold the trailing ones into columns.</summary>
    public float[,] ToFloat2D()
    {
        int rows = Rows, cols = Columns;
        var result = new float[rows, cols];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < rows; r++)
                result[r, c] = (float)_real[c * rows + r];
        }
        return result;
    }

    /// <summary>A 1x1 double array.</summary>
    public static MatNumericArray Scalar(double value) => new(MatClass.Double, [1, 1], [value]);

    /// <summary>A 1xN double row vector.</summary>
    public static MatNumericArray RowVector(ReadOnlySpan<double> values) => new(MatClass.Double, [1, values.Length], values.ToArray());

    /// <summary>A 2-D array of class <paramref name="classType"/> from a (rows, columns) matrix.</summary>
    public static MatNumericArray FromMatrix(double[,] matrix, MatClass classType = MatClass.Double)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var real = new double[rows * cols];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < rows; r++)
                real[c * rows + r] = matrix[r, c];
        }
        return new MatNumericArray(classType, [rows, cols], real);
    }

    /// <summary>A 2-D single array from a (rows, columns) float matrix.</summary>
    public static MatNumericArray FromMatrix(float[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var real = new double[rows * cols];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < rows; r++)
                real[c * rows + r] = matrix[r, c];
        }
        return new MatNumericArray(MatClass.Single, [rows, cols], real);
    }
}
