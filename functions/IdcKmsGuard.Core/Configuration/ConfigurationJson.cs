using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>Strict typed reads for <see cref="ConfigurationParser"/>: every refusal names the element's location.</summary>
internal static class ConfigurationJson
{
    public static string Child(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>An object's members in document order; refuses duplicates, nulls and, when given, names not known.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Members(JsonElement element, string location, IReadOnlyList<string>? known)
    {
        RequireKind(element, location, JsonValueKind.Object, "an object");
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = Child(location, property.Name);
            if (known is not null && !known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new ConfigurationException(at, $"unknown element{NearestName.Hint(property.Name, known)}; expected one of: {string.Join(", ", known)}");
            }

            if (!members.TryAdd(property.Name, property.Value))
            {
                throw new ConfigurationException(at, "appears more than once");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                throw new ConfigurationException(at, "must not be null; leave the element out to use the default");
            }
        }

        return members;
    }

    public static bool Boolean(JsonElement element, string location) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ConfigurationException(location, "must be true or false"),
    };

    /// <summary>A whole number (1 and 1.0 alike, as JSON Schema counts them) within bounds.</summary>
    public static int Integer(JsonElement element, string location, int min, int max, string unit)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || value != Math.Floor(value))
        {
            throw new ConfigurationException(location, $"must be a whole number of {unit}");
        }

        return value >= min && value <= max
            ? (int)value
            : throw new ConfigurationException(location, $"must be between {min} and {max} {unit}; it is {element.GetRawText()}");
    }

    /// <summary>A non-empty string without control characters, at most <paramref name="maxLength"/> characters (code points).</summary>
    public static string String(JsonElement element, string location, int maxLength)
    {
        RequireKind(element, location, JsonValueKind.String, "a string");
        var text = element.GetString()!;
        if (text.Length == 0)
        {
            throw new ConfigurationException(location, "must not be empty");
        }

        if (text.Any(char.IsControl))
        {
            throw new ConfigurationException(location, "must not contain control characters (line breaks, tabs)");
        }

        var length = text.EnumerateRunes().Count();
        return length <= maxLength
            ? text
            : throw new ConfigurationException(location, $"is {length} characters long; the limit is {maxLength}");
    }

    public static string Matching(JsonElement element, string location, int maxLength, Regex format, string expected)
    {
        var text = String(element, location, maxLength);
        return format.IsMatch(text) ? text : throw new ConfigurationException(location, $"'{text}' is not {expected}");
    }

    public static IReadOnlyList<JsonElement> Array(JsonElement element, string location, int maxItems)
    {
        RequireKind(element, location, JsonValueKind.Array, "an array");
        var length = element.GetArrayLength();
        return length <= maxItems
            ? [.. element.EnumerateArray()]
            : throw new ConfigurationException(location, $"has {length} entries; the limit is {maxItems}");
    }

    private static void RequireKind(JsonElement element, string location, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new ConfigurationException(location, $"must be {what}, not {Describe(element.ValueKind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
