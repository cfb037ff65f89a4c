namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>MAT-file Level 5 data element types (<c>mi…</c> codes).</summary>
internal enum MatDataType
{
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Single = 7,
    Double = 9,
    Int64 = 12,
    UInt64 = 13,
    Matrix = 14,
    Compressed = 15,
    Utf8 = 16,
    Utf16 = 17,
    Utf32 = 18,
}

internal static class MatDataTypes
{
    public static bool IsKnown(uint code) => code is >= 1 and <= 7 or 9 or (>= 12 and <= 18);

    public static string Name(uint code) => IsKnown(code) ? "mi" + ((MatDataType)code).ToString().ToUpperInvariant() : $"unknown data type {code}";

    /// <summary>Bytes per value of a numeric data type, 0 for non-numeric types.</summary>
    public static int NumericSize(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>The data type a writer uses for values of <paramref name="cls"/>.</summary>
    public static MatDataType ForClass(MatClass cls) => cls switch
    {
        MatClass.Double => MatDataType.Double,
        MatClass.Single => MatDataType.Single,
        MatClass.Int8 => MatDataType.Int8,
        MatClass.UInt8 => MatDataType.UInt8,
        MatClass.Int16 => MatDataType.Int16,
        MatClass.UInt16 => MatDataType.UInt16,
        MatClass.Int32 => MatDataType.Int32,
        MatClass.UInt32 => MatDataType.UInt32,
        MatClass.Int64 => MatDataType.Int64,
        MatClass.UInt64 => MatDataType.UInt64,
        _ => throw new ArgumentException($"{cls} is not a numeric class.", nameof(cls)),
    };
}
