using System.Text.Json.Serialization;

namespace SemgKit.Pipeline.Data.Generic;

/// <summary>
/// The <c>dataset.json</c> of SemgKit's generic format: a folder holding this manifest plus frame-major
/// CSV files (one row per sample, one column per channel, optional header, optional <c>label</c> column).
/// See README "Generic dataset format".
/// </summary>
public sealed record DatasetManifest
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("sampleRateHz")] public double SampleRateHz { get; init; }

    [JsonPropertyName("channels")] public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Optional unit per channel (e.g. "mV"); "a.u." if absent.</summary>
    [JsonPropertyName("units")] public IReadOnlyList<string>? Units { get; init; }

    [JsonPropertyName("classes")] public IReadOnlyList<string>? Classes { get; init; }

    [JsonPropertyName("recordings")] public IReadOnlyList<ManifestRecording>? Recordings { get; init; }

    /// <summary>Free text: where the data comes from, licence, citation.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
}
