namespace SemgKit.Signal.Features;

/// <summary>Which of Khushaba's six TD-PSD descriptors <see cref="Tdpsd.Compute"/> returns.</summary>
public enum TdpsdDescriptor
{
    /// <summary>Root squared zero-order moment.</summary>
    M0,
    /// <summary>Root squared second-order moment.</summary>
    M2,
    /// <summary>Root squared fourth-order moment.</summary>
    M4,
    /// <summary>Sparseness.</summary>
    Sparseness,
    /// <summary>Irregularity factor.</summary>
    IrregularityFactor,
    /// <summary>Waveform length ratio.</summary>
    WaveformLengthFactor,
}
