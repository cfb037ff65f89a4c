namespace SemgKit.Pipeline.Data;

/// <summary>Options shared by all readers.</summary>
public sealed record DatasetReadOptions
{
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>Sample rate for files that do not state one (a bare CSV); readers whose format states it ignore this.</summary>
    public double? SampleRateHz { get; init; }

    /// <summary>
    /// Keep NaN/Inf samples instead of failing (for <c>semg inspect</c>, which counts them). Honoured by the generic and
    /// CSV readers; formats that cannot hold non-finite values ignore it. Training and evaluation never set it.
    /// </summary>
    public bool AllowNonFinite { get; init; }

    /// <summary>Progress as (files done, files total); may be null.</summary>
    public IProgress<(int Done, int Total)>? Progress { get; init; }
}
