using System.Text.Json;
using Json.Schema;

namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>The published schema, built once: JsonSchema.Net registers a schema's $id globally.</summary>
internal static class GuardConfigSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Documents.SchemaPath)));

    // Format assertion on: the guard refuses an impossible date, so the schema must be read with "format" enforced.
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static JsonDocument Document { get; } = JsonDocument.Parse(File.ReadAllText(Documents.SchemaPath));

    public static bool Accepts(string json)
    {
        using var instance = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(instance.RootElement, Options).IsValid;
    }
}
