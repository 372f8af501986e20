using System.Text.Json;

namespace IdcKmsGuard.Core.Json;

/// <summary>Lenient reads: real records vary, so a field of the wrong type counts as absent, never as a crash.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? Property(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    /// <summary>Finds a property whatever its case: tools rewrite "ARN" as "arn", "keyId" as "KeyId".</summary>
    public static JsonElement? PropertyIgnoringCase(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? String(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static string? StringIgnoringCase(this JsonElement element, string name) =>
        element.PropertyIgnoringCase(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> ArrayItems(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];
}
