namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>Options of <see cref="MatFileWriter"/>.</summary>
public sealed record MatWriteOptions
{
    public static MatWriteOptions Default { get; } = new();

    /// <summary>Compress each variable with zlib (<c>miCOMPRESSED</c>, MATLAB's default <c>-v7</c>); false writes <c>-v6</c> style.</summary>
    public bool Compress { get; init; }

    /// <summary>Write big-endian ("MI") instead of little-endian ("IM").</summary>
    public bool BigEndian { get; init; }

    /// <summary>Descriptive header text (at most 116 ASCII characters); null writes "MATLAB 5.0 MAT-file, Platform: SemgKit …".</summary>
    public string? HeaderText { get; init; }
}
