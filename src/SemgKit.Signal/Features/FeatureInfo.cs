namespace SemgKit.Signal.Features;

/// <summary>
/// A catalog entry for documentation and the CLI: the code, the spelled-out name, the values per channel with default
/// parameters at 1 kHz (0 for multi-channel features, whose count depends on the channel count), the reference, and how a
/// list may parameterise it (e.g. "AR:order").
/// </summary>
public sealed record FeatureInfo(string Code, string Name, int ValuesPerChannel, string Reference, string Parameter, bool NeedsSampleRate, bool IsMultiChannel);
