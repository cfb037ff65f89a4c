using System.Numerics.Tensors;

namespace SemgKit.Learning;

/// <summary>
/// Per-feature standardisation z = (x − mean) / scale, fitted once on training rows. Matches
/// scikit-learn's <c>StandardScaler()</c>: population standard deviation (ddof = 0), statistics in
/// double; a (near-)constant column, detected by sklearn's bound var ≤ n·ε·var + (n·mean·ε)², gets
/// scale 1 so it is only centred.
/// </summary>
public sealed class Standardizer
{
    private const uint Magic = 0x54534B53; // "SKST"
    private const int FormatVersion = 1;

    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly float[] _meansF;
    private readonly float[] _scalesF;

    /// <summary>Builds a standardiser from known statistics (e.g. loaded from a model bundle).</summary>
    /// <exception cref="ArgumentException">Lengths differ or are zero, a mean is not finite, or a scale is not finite and positive.</exception>
    public Standardizer(ReadOnlySpan<double> means, ReadOnlySpan<double> scales)
    {
        if (means.Length == 0 || means.Length != scales.Length)
            throw new ArgumentException($"means ({means.Length}) and scales ({scales.Length}) must have the same, non-zero length.", nameof(scales));
        for (var j = 0; j < means.Length; j++)
        {
            if (!double.IsFinite(means[j]))
                throw new ArgumentException($"means[{j}] = {means[j]} is not finite.", nameof(means));
            if (!double.IsFinite(scales[j]) || scales[j] <= 0)
                throw new ArgumentException($"scales[{j}] = {scales[j]} must be finite and positive.", nameof(scales));
        }
        _means = means.ToArray();
        _scales = scales.ToArray();
        _meansF = new float[_means.Length];
        _scalesF = new float[_scales.Length];
        for (var j = 0; j < _means.Length; j++)
        {
            _meansF[j] = (float)_means[j];
            _scalesF[j] = (float)_scales[j];
        }
    }

    /// <summary>F: the row length.</summary>
    public int FeatureCount => _means.Length;

    /// <summary>Per-feature means (F).</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>Per-feature scales (F): population standard deviations, 1 for constant columns.</summary>
    public ReadOnlySpan<double> Scales => _scales;

    /// <summary>Fits means and scales on the rows of <paramref name="x"/> (N ≥ 1).</summary>
    public static Standardizer Fit(FeatureMatrix x)
    {
        if (x.RowCount < 1)
            throw new ArgumentException("Cannot fit a standardiser on zero rows.", nameof(x));
        int n = x.RowCount, f = x.FeatureCount;
        var means = new double[f];
        var scales = new double[f];
        ColumnStatistics(x.Data, n, f, means, scales);
        return new Standardizer(means, scales);
    }

    /// <summary>
    /// sklearn's StandardScaler statistics on an N × F row-major block: mean, and population std with
    /// the two-pass correction term, constant columns set to 1. Writes into <paramref name="means"/>, <paramref name="scales"/>.
    /// </summary>
    internal static void ColumnStatistics(ReadOnlySpan<float> data, int n, int f, Span<double> means, Span<double> scales)
    {
        var sums = new double[f];
        for (var i = 0; i < n; i++)
        {
            var row = data.Slice(i * f, f);
            for (var j = 0; j < f; j++) sums[j] += row[j];
        }
        for (var j = 0; j < f; j++) means[j] = sums[j] / n;
        ColumnScales(data, n, f, means, scales);
    }

    internal static void ColumnScales(ReadOnlySpan<float> data, int n, int f, ReadOnlySpan<double> means, Span<double> scales)
    {
        var corr = new double[f];
        var sq = new double[f];
        for (var i = 0; i < n; i++)
        {
            var row = data.Slice(i * f, f);
            for (var j = 0; j < f; j++)
            {
                var d = row[j] - means[j];
                corr[j] += d;
                sq[j] += d * d;
            }
        }
        for (var j = 0; j < f; j++)
        {
            var variance = (sq[j] - corr[j] * corr[j] / n) / n;
            scales[j] = IsConstant(variance, means[j], n) ? 1.0 : Math.Sqrt(variance);
        }
    }

    /// <summary>sklearn's <c>_is_constant_feature</c>: var ≤ n·ε·var + (n·mean·ε)².</summary>
    internal static bool IsConstant(double variance, double mean, int n)
    {
        const double eps = 2.220446049250313e-16; // float64 machine epsilon
        var bound = n * eps * variance + Math.Pow(n * mean * eps, 2);
        return variance <= bound;
    }

    /// <summary>
    /// Standardises one row into <paramref name="destination"/> (length F; may be the same memory as
    /// <paramref name="row"/>). Allocates nothing.
    /// </summary>
    public void Transform(ReadOnlySpan<float> row, Span<float> destination)
    {
        if (row.Length != FeatureCount)
            throw new ArgumentException($"row has {row.Length} values; expected {FeatureCount}.", nameof(row));
        if (destination.Length != FeatureCount)
            throw new ArgumentException($"destination has {destination.Length} values; expected {FeatureCount}.", nameof(destination));
        TensorPrimitives.Subtract(row, _meansF, destination);
        TensorPrimitives.Divide(destination, _scalesF, destination);
    }

    /// <summary>Standardises every row of <paramref name="x"/> in place.</summary>
    public void TransformInPlace(FeatureMatrix x)
    {
        if (x.FeatureCount != FeatureCount)
            throw new ArgumentException($"x has {x.FeatureCount} features; expected {FeatureCount}.", nameof(x));
        var data = x.Data;
        for (var i = 0; i < x.RowCount; i++)
        {
            var row = data.Slice(i * FeatureCount, FeatureCount);
            Transform(row, row);
        }
    }

    /// <summary>Writes magic "SKST", format version 1, F, means and scales (doubles).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(FeatureCount);
        foreach (var v in _means) writer.Write(v);
        foreach (var v in _scales) writer.Write(v);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; strict.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unknown version, bad sizes or values, or a truncated stream.</exception>
    public static Standardizer Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var magic = reader.ReadUInt32();
            if (magic != Magic)
                throw new InvalidDataException($"Not a standardiser block: magic 0x{magic:X8}, expected 0x{Magic:X8} (\"SKST\").");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"Standardiser format version {version} is not supported (this SemgKit reads version {FormatVersion}); refit the model or use the SemgKit version that wrote it.");
            var f = reader.ReadInt32();
            if (f < 1 || f > 1 << 24)
                throw new InvalidDataException($"Standardiser feature count {f} is out of range [1, {1 << 24}].");
            var means = new double[f];
            var scales = new double[f];
            for (var j = 0; j < f; j++) means[j] = reader.ReadDouble();
            for (var j = 0; j < f; j++) scales[j] = reader.ReadDouble();
            try
            {
                return new Standardizer(means, scales);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Invalid standardiser: {e.Message}", e);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Standardiser block is truncated.", e);
        }
    }
}
