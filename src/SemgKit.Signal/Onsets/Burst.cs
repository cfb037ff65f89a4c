namespace SemgKit.Signal.Onsets;

/// <summary>A detected activation: samples [OnsetSample, OffsetSample) — OffsetSample is the first inactive sample (exclusive end).</summary>
public readonly record struct Burst(int OnsetSample, int OffsetSample)
{
    /// <summary>OffsetSample − OnsetSample.</summary>
    public int LengthSamples => OffsetSample - OnsetSample;
}
