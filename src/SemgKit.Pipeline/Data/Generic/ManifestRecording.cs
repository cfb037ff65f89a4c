using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemgKit.Pipeline.Data.Generic;

/// <summary>One entry of <see cref="DatasetManifest.Recordings"/>.</summary>
public sealed record ManifestRecording
{
    /// <summary>CSV path relative to the manifest's folder.</summary>
    [JsonPropertyName("file")] public string? File { get; init; }

    [JsonPropertyName("subject")] public string? Subject { get; init; }

    /// <summary>Session identifier; a JSON string or number.</summary>
    [JsonPropertyName("session")] public JsonElement? Session { get; init; }

    [JsonPropertyName("trial")] public int? Trial { get; init; }

    [JsonPropertyName("group")] public string? Group { get; init; }

    /// <summary>Class of every sample in the file; when absent the CSV's <c>label</c> column gives per-sample classes.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Further string facts kept in <see cref="RecordingMetadata.Extra"/>.</summary>
    [JsonPropertyName("extra")] public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
