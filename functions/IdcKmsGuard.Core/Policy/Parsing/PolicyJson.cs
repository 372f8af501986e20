using System.Text.Json;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>Reading JSON elements with the policy's rules and a location for every complaint.</summary>
internal static class PolicyJson
{
    private const int MaxShown = 80;

    /// <summary>
    /// An object's members in order. A repeated name is an error: JsonDocument keeps both copies, and which one IAM or
    /// another reader honours is unknowable, so a guard must not pick one.
    /// </summary>
    public static List<KeyValuePair<string, JsonElement>> Members(JsonElement obj, string location)
    {
        var members = new List<KeyValuePair<string, JsonElement>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                throw new PolicyParseException(Where(location), "has a property name with an escaped unpaired surrogate (\\uD800..\\uDFFF), which is not text");
            }

            if (!seen.Add(name))
            {
                throw new PolicyParseException(Join(location, name), $"{Quote(name)} appears more than once in the same object");
            }

            members.Add(new(name, property.Value));
        }

        return members;
    }

    public static string String(JsonElement element, string location, string expected)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new PolicyParseException(location, $"must be {expected}, not {Kind(element)}");
        }

        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new PolicyParseException(location, "contains an escaped unpaired surrogate (\\uD800..\\uDFFF), which is not text");
        }
    }

    /// <summary>IAM's "one value or a list": a string, or a non-empty array of strings, each with its own location.</summary>
    public static List<KeyValuePair<string, string>> StringOrList(JsonElement element, string location, string expected)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [new(String(element, location, expected), location)];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyParseException(location, $"must be {expected} or an array of them, not {Kind(element)}");
        }

        var values = new List<KeyValuePair<string, string>>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemLocation = At(location, index++);
            values.Add(new(String(item, itemLocation, expected), itemLocation));
        }

        if (values.Count == 0)
        {
            throw new PolicyParseException(location, $"is an empty array; it needs at least one value ({expected})");
        }

        return values;
    }

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Quote(element.GetRawText().Trim('"'))}",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    public static string Quote(string value) => $"\"{Shorten(value)}\"";

    /// <summary>A member's location; the root's members are named bare ("Statement", "Version"), an empty name as "".</summary>
    public static string Join(string location, string name)
    {
        var shown = name.Length == 0 ? "\"\"" : Shorten(name);
        return location.Length == 0 ? shown : $"{location}.{shown}";
    }

    public static string At(string location, int index) => $"{location}[{index}]";

    public static string Where(string location) => location.Length == 0 ? KeyPolicyParser.PolicyLocation : location;

    private static string Shorten(string value) => value.Length <= MaxShown ? value : string.Concat(value.AsSpan(0, MaxShown), "...");
}
