namespace SemgKit.Signal.Transforms;

/// <summary>
/// Options of <see cref="Spectrogram"/>. Defaults: Hann, 256 samples, 50 % overlap, detrend 'constant', density,
/// PSD, linear power. (scipy.signal.spectrogram's own defaults are a Tukey(0.25) window and N/8 overlap; pass
/// the window and overlap explicitly to scipy to compare.)
/// </summary>
public sealed record SpectrogramOptions
{
    /// <summary>Segment length N (scipy <c>nperseg</c>); also the FFT length. Default 256.</summary>
    public int WindowSamples { get; init; } = 256;

    /// <summary>Overlap (scipy <c>noverlap</c>); null means WindowSamples / 2.</summary>
    public int? OverlapSamples { get; init; }

    /// <summary>Window (periodic). Default Hann.</summary>
    public SpectralWindow Window { get; init; } = SpectralWindow.Hann;

    /// <summary>Per-segment detrending (scipy default 'constant').</summary>
    public Detrend Detrend { get; init; } = Detrend.Constant;

    /// <summary>Density (default) or spectrum scaling.</summary>
    public SpectralScaling Scaling { get; init; } = SpectralScaling.Density;

    /// <summary>PSD (default) or magnitude.</summary>
    public SpectrogramMode Mode { get; init; } = SpectrogramMode.Psd;

    /// <summary>When true, each value p becomes 10·log10(p + <see cref="DecibelEpsilon"/>) (see <see cref="Spectrogram.ToDecibels"/>).</summary>
    public bool Decibels { get; init; }

    /// <summary>The ε added before the logarithm (default 1e-10, i.e. a −100 dB floor).</summary>
    public double DecibelEpsilon { get; init; } = 1e-10;
}
