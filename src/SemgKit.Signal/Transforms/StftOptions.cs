namespace SemgKit.Signal.Transforms;

/// <summary>Options of <see cref="Stft"/>; defaults are scipy.signal.stft's (except the window length default of 256 is shared).</summary>
public sealed record StftOptions
{
    /// <summary>Segment length (scipy <c>nperseg</c>, default 256); also the FFT length.</summary>
    public int WindowSamples { get; init; } = 256;

    /// <summary>Overlap (scipy <c>noverlap</c>); null means WindowSamples / 2.</summary>
    public int? OverlapSamples { get; init; }

    /// <summary>Window (default Hann, periodic).</summary>
    public SpectralWindow Window { get; init; } = SpectralWindow.Hann;

    /// <summary>scipy's <c>scaling</c>: 'spectrum' (default) divides X by Σw, 'density' by √(fs·Σw²).</summary>
    public SpectralScaling Scaling { get; init; } = SpectralScaling.Spectrum;

    /// <summary>scipy <c>boundary='zeros'</c> (default true): WindowSamples/2 zeros are added before and after the signal.</summary>
    public bool ZeroBoundary { get; init; } = true;

    /// <summary>scipy <c>padded=True</c> (default): zeros are appended so that the last segment is whole.</summary>
    public bool Padded { get; init; } = true;
}
