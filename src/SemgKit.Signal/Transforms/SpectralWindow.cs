namespace SemgKit.Signal.Transforms;

/// <summary>
/// Analysis windows for spectra, generated as <c>scipy.signal.get_window(name, N)</c> does by default: periodic
/// ("DFT-even", <c>fftbins=True</c>), i.e. the symmetric window of N + 1 points without its last point.
/// </summary>
public enum SpectralWindow
{
    /// <summary>Hann: w[n] = 0.5 − 0.5·cos(2πn/N).</summary>
    Hann,

    /// <summary>Hamming: w[n] = 0.54 − 0.46·cos(2πn/N).</summary>
    Hamming,

    /// <summary>Rectangular (boxcar): w[n] = 1.</summary>
    Rectangular,
}
