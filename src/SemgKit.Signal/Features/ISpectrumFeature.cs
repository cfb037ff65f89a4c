namespace SemgKit.Signal.Features;

/// <summary>
/// Marks a feature that reads the channel's power spectrum through <see cref="FeatureScratch.Spectrum"/>: a
/// <see cref="FeatureSet"/> holding one computes the spectra of all channels of each window in one vectorised pass
/// (<see cref="MultiChannelPowerSpectrum"/>) and hands every such feature its channel's copy.
/// </summary>
internal interface ISpectrumFeature;
