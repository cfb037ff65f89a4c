namespace SemgKit.Signal.Images;

/// <summary>What a <see cref="WaveletPacketImage"/> holds.</summary>
public enum WaveletPacketImageKind
{
    /// <summary>
    /// (F, C): per frame and channel, the Shannon entropy −Σ pₖ ln pₖ of the relative wavelet-packet node energies
    /// pₖ = Eₖ/ΣE (0 for a silent frame) — one WP statistic per frame, the same shape as the EMG image.
    /// </summary>
    FrameEnergyEntropy,

    /// <summary>(F, C): per frame and channel, the total wavelet-packet energy Σₖ Eₖ of the deepest level.</summary>
    FrameTotalEnergy,

    /// <summary>(2^depth, C): per channel, the node energies of the whole window (frequency order), rows = nodes.</summary>
    NodeEnergies,
}
