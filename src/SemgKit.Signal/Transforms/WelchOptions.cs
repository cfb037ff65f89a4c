namespace SemgKit.Signal.Transforms;

/// <summary>Options of <see cref="Welch"/>; defaults are scipy.signal.welch's except the explicit segment length.</summary>
public sealed record WelchOptions
{
    /// <summary>Segment length (scipy <c>nperseg</c>); also the FFT length. Default 256.</summary>
    public int SegmentSamples { get; init; } = 256;

    /// <summary>Overlap between segments (scipy <c>noverlap</c>); null means SegmentSamples / 2 (scipy's default).</summary>
    public int? OverlapSamples { get; init; }

    /// <summary>Window (scipy default 'hann', periodic).</summary>
    public SpectralWindow Window { get; init; } = SpectralWindow.Hann;

    /// <summary>Per-segment detrending (scipy default 'constant').</summary>
    public Detrend Detrend { get; init; } = Detrend.Constant;

    /// <summary>Density (units²/Hz, scipy default) or spectrum (units²).</summary>
    public SpectralScaling Scaling { get; init; } = SpectralScaling.Density;
}
