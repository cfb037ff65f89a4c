namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>MATLAB array classes (the <c>mxCLASS</c> codes of the MAT-file Level 5 array flags).</summary>
public enum MatClass
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
}
