namespace SemgKit.Pipeline.Data;

/// <summary>
/// A file could not be read as the format it claims to be. The message always names the file and,
/// where known, the position (e.g. "row 12, column 3", "byte 1024", "element 'emg'", "sheet 2, cell B7"),
/// formatted as <c>file: position: problem</c>.
/// </summary>
public sealed class DataFormatException : SemgException
{
    public DataFormatException(string file, string? position, string problem, Exception? inner = null)
        : base(Format(file, position, problem), inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    /// <summary>The file (or folder) that failed.</summary>
    public string File { get; }

    /// <summary>Where in the file, in the format's own terms; null when the whole file is at fault.</summary>
    public string? Position { get; }

    /// <summary>What is wrong, without the file and position.</summary>
    public string Problem { get; }

    private static string Format(string file, string? position, string problem) =>
        position is null ? $"{file}: {problem}" : $"{file}: {position}: {problem}";
}
