namespace SemgKit.Pipeline.Data.Readers;

/// <summary>Helpers shared by the built-in readers: ordered parallel loading with progress, folder checks.</summary>
internal static class ReaderSupport
{
    /// <summary>
    /// Runs <paramref name="load"/> on every item in parallel and returns the results in input order.
    /// Reports (done, total) after each item, honours <paramref name="cancellationToken"/>, and rethrows the
    /// exception of the lowest-index failing item, so errors are deterministic.
    /// </summary>
    public static TOut[] LoadOrdered<TIn, TOut>(
        IReadOnlyList<TIn> items,
        Func<TIn, TOut> load,
        DatasetReadOptions options,
        CancellationToken cancellationToken,
        int maxDegreeOfParallelism = -1)
    {
        options.Progress?.Report((0, items.Count));
        return OrderedParallel.Map(items.Count, i => load(items[i]), cancellationToken,
            options.Progress is { } progress ? n => progress.Report((n, items.Count)) : null, maxDegreeOfParallelism);
    }

    /// <summary>Throws a <see cref="DataFormatException"/> if <paramref name="path"/> is not an existing folder.</summary>
    public static string RequireFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new DataFormatException(full, null, "folder not found");
        return full;
    }

    /// <summary>Reads all bytes, turning I/O failures into <see cref="DataFormatException"/>s.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, $"cannot read the file ({e.Message})", e);
        }
    }

    /// <summary>Reads all text, turning I/O failures into <see cref="DataFormatException"/>s.</summary>
    public static string ReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, $"cannot read the file ({e.Message})", e);
        }
    }

    /// <summary>A path relative to <paramref name="root"/> with forward slashes, for sources and notes.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>Sorts strings with embedded numbers naturally ("ID 2" before "ID 10").</summary>
    public static int NaturalCompare(string? a, string? b)
    {
        if (a is null || b is null)
            return string.CompareOrdinal(a, b);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                int c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : na.SequenceCompareTo(nb);
                if (c != 0)
                    return c;
            }
            else
            {
                int c = a[i].CompareTo(b[j]);
                if (c != 0)
                    return c;
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
