using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemgKit.Pipeline.Reports;

/// <summary>Reads and writes <c>results.json</c> (camelCase, indented; non-finite numbers written as null).</summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new FiniteDoubleConverter() },
    };

    public static void Write(EvaluationResults results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(results, Options) + "\n");
    }

    public static EvaluationResults Read(string path) =>
        JsonSerializer.Deserialize<EvaluationResults>(File.ReadAllText(path), Options)
        ?? throw new SemgException($"{path}: empty results file");

    /// <summary>Writes NaN/±Inf as null so every JSON parser accepts the file.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(Math.Round(value, 10));
            else writer.WriteNullValue();
        }

        public override bool HandleNull => true;
    }
}
