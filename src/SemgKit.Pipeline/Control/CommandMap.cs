using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemgKit.Pipeline.Control;

/// <summary>
/// How decisions become device commands: class → command, confidence gating, minimum dwell, proportional velocity
/// ranges, watchdog and the name of the safe command. Read from JSON, either the full form
/// <code>
/// { "commands": { "hand-open": "OPEN", "hand-close": "CLOSE", "rest": "STOP" },
///   "safeCommand": "STOP", "minConfidence": 0.6, "dwellMs": 100, "watchdogMs": 200,
///   "velocity": { "hand-open": { "low": 0.02, "high": 0.35 } } }
/// </code>
/// or the short form <c>{ "hand-open": "OPEN", "rest": "STOP" }</c> (all other settings at their defaults).
/// Classes missing from <see cref="Commands"/> map to the safe command.
/// </summary>
public sealed record CommandMap
{
    public const string DefaultSafeCommand = "stop";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Class name → command (class names match the model's, case-insensitively).</summary>
    public IReadOnlyDictionary<string, string> Commands { get; init; } = new Dictionary<string, string>();

    /// <summary>The command of the safe state (rejection, stall, gap, malformed input, shutdown).</summary>
    public string SafeCommand { get; init; } = DefaultSafeCommand;

    /// <summary>Decisions with a lower winning probability put the output in the safe state (0 = off).</summary>
    public double MinConfidence { get; init; }

    /// <summary>A new (non-safe) command is issued only after its class has been decided for at least this long.</summary>
    public double DwellMs { get; init; }

    /// <summary>
    /// No data for longer than this puts the output in the safe state. Null (not given in the map) means
    /// <see cref="DefaultWatchdogMs"/>, or four packet periods when packets are longer (see <see cref="WithPacketPeriod"/>).
    /// </summary>
    public double? WatchdogMs { get; init; }

    /// <summary>The watchdog period when the map gives none and packets are short, ms.</summary>
    public const double DefaultWatchdogMs = 250;

    /// <summary>The watchdog period in use, ms.</summary>
    public double EffectiveWatchdogMs => WatchdogMs ?? DefaultWatchdogMs;

    /// <summary>
    /// This map for a source delivering a packet every <paramref name="packetMs"/>: a watchdog the map leaves open becomes
    /// max(250 ms, 4 packet periods), so slow packetisation (e.g. --chunk-ms 100) does not trip it between packets.
    /// An explicit watchdogMs is kept.
    /// </summary>
    public CommandMap WithPacketPeriod(double packetMs) =>
        WatchdogMs is null && packetMs > 0 ? this with { WatchdogMs = Math.Max(DefaultWatchdogMs, 4 * packetMs) } : this;

    /// <summary>Per-class amplitude ranges for proportional velocity; classes without one get velocity 1 (on/off control).</summary>
    public IReadOnlyDictionary<string, VelocityRange>? Velocity { get; init; }

    /// <summary>Every class mapped to its own name as the command.</summary>
    public static CommandMap Identity(IReadOnlyList<string> classNames) =>
        new() { Commands = classNames.ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase) };

    /// <summary>Reads a map file (full or short form); errors name the file.</summary>
    public static CommandMap Load(string path)
    {
        if (!File.Exists(path)) throw new SemgException($"{path}: command map not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static CommandMap Parse(string json, string source = "command map")
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new SemgException($"{source}: expected a JSON object");
            bool shortForm = doc.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String)
                && !doc.RootElement.TryGetProperty("safeCommand", out _);
            if (shortForm)
            {
                var map = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
                return new CommandMap { Commands = map };
            }
            var full = JsonSerializer.Deserialize<CommandMap>(json, Json) ?? throw new SemgException($"{source}: empty command map");
            return full with
            {
                Commands = new Dictionary<string, string>(full.Commands, StringComparer.OrdinalIgnoreCase),
                Velocity = full.Velocity is null ? null : new Dictionary<string, VelocityRange>(full.Velocity, StringComparer.OrdinalIgnoreCase),
            };
        }
        catch (JsonException e)
        {
            throw new SemgException($"{source}: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Checks the map against the model's classes; throws a <see cref="SemgException"/> listing every problem.</summary>
    public CommandMap Validated(IReadOnlyList<string> classNames)
    {
        var problems = new List<string>();
        bool Known(string c) => classNames.Contains(c, StringComparer.OrdinalIgnoreCase);
        foreach (var key in Commands.Keys.Where(k => !Known(k)))
            problems.Add($"class '{key}' is unknown to the model");
        foreach (var key in (Velocity?.Keys ?? []).Where(k => !Known(k)))
            problems.Add($"velocity class '{key}' is unknown to the model");
        foreach (var (key, range) in Velocity ?? new Dictionary<string, VelocityRange>())
        {
            if (!(double.IsFinite(range.Low) && double.IsFinite(range.High) && range.High > range.Low))
                problems.Add($"velocity range of '{key}': need finite low < high");
        }
        if (string.IsNullOrWhiteSpace(SafeCommand)) problems.Add("safeCommand is empty");
        if (Commands.Values.Any(string.IsNullOrWhiteSpace)) problems.Add("a command is empty");
        if (!(MinConfidence >= 0 && MinConfidence < 1)) problems.Add($"minConfidence {MinConfidence}: must be in [0, 1)");
        if (!(DwellMs >= 0)) problems.Add($"dwellMs {DwellMs}: must be ≥ 0");
        if (WatchdogMs is { } watchdog && !(watchdog > 0)) problems.Add($"watchdogMs {WatchdogMs}: must be > 0");
        if (problems.Count > 0)
            throw new SemgException($"command map: {string.Join("; ", problems)} (model classes: {string.Join(", ", classNames)})");
        return this;
    }
}
