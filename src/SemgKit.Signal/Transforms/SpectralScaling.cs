namespace SemgKit.Signal.Transforms;

/// <summary>Spectrum scaling, as scipy's <c>scaling</c> argument.</summary>
public enum SpectralScaling
{
    /// <summary>Power spectral density, units²/Hz: |X|² / (fs·Σw²) (scipy 'density').</summary>
    Density,

    /// <summary>Power spectrum, units²: |X|² / (Σw)² (scipy 'spectrum').</summary>
    Spectrum,
}
