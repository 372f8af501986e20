using System.Text.Json;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

public static partial class ConfigurationParser
{
    private static readonly string[] RequirementElements = ["name", "principal", "action", "context"];

    private static List<ExtraRequirement> ReadExtraRequirements(JsonElement element)
    {
        const string Location = "extraRequirements";
        var requirements = new List<ExtraRequirement>();
        foreach (var (item, i) in Array(element, Location, ConfigurationLimits.MaxExtraRequirements).Select((item, i) => (item, i)))
        {
            var requirement = ReadExtraRequirement(item, Item(Location, i));
            if (requirements.Any(r => string.Equals(r.Name, requirement.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ConfigurationException(Child(Item(Location, i), "name"), $"'{requirement.Name}' names another requirement too; names must be unique");
            }

            requirements.Add(requirement);
        }

        return requirements;
    }

    private static ExtraRequirement ReadExtraRequirement(JsonElement element, string location)
    {
        var members = Members(element, location, RequirementElements);
        JsonElement Required(string name) => members.TryGetValue(name, out var value)
            ? value
            : throw new ConfigurationException(Child(location, name), "is required");

        var name = String(Required("name"), Child(location, "name"), ConfigurationLimits.MaxNameLength);
        var principal = Matching(Required("principal"), Child(location, "principal"), ConfigurationLimits.MaxArnLength,
            ConfigurationPatterns.RequestPrincipalRegex(), "a service principal (qbusiness.amazonaws.com) or an IAM role, user or root ARN without wildcards");
        var action = Matching(Required("action"), Child(location, "action"), 128, ConfigurationPatterns.ActionRegex(),
            "one KMS action such as kms:Decrypt");
        var context = members.TryGetValue("context", out var c)
            ? ReadContext(c, Child(location, "context"))
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        return new ExtraRequirement(name, principal, action, context);
    }

    // Condition keys compare case-insensitively in IAM (and in RequestContext), so two spellings of one key are refused.
    private static Dictionary<string, IReadOnlyList<string>> ReadContext(JsonElement element, string location)
    {
        var members = Members(element, location, known: null);
        if (members.Count > ConfigurationLimits.MaxContextKeys)
        {
            throw new ConfigurationException(location, $"has {members.Count} keys; the limit is {ConfigurationLimits.MaxContextKeys}");
        }

        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in members)
        {
            var at = Child(location, key);
            if (key.Length > ConfigurationLimits.MaxContextKeyLength || key.Any(char.IsControl) || !ConfigurationPatterns.ContextKeyRegex().IsMatch(key))
            {
                throw new ConfigurationException(at, "is not a condition key such as kms:ViaService or aws:SourceAccount");
            }

            if (!context.TryAdd(key, ReadContextValues(value, at)))
            {
                throw new ConfigurationException(at, "repeats a key in another case; condition keys are case-insensitive");
            }
        }

        return context;
    }

    private static IReadOnlyList<string> ReadContextValues(JsonElement element, string location)
    {
        const string Expected = "must be a string or an array of strings";
        if (element.ValueKind == JsonValueKind.String)
        {
            return [String(element, location, ConfigurationLimits.MaxContextValueLength)];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigurationException(location, Expected);
        }

        var items = Array(element, location, ConfigurationLimits.MaxContextValues);
        if (items.Count == 0)
        {
            throw new ConfigurationException(location, "must hold at least one value; leave the key out for a request without it");
        }

        return [.. items.Select((item, i) => item.ValueKind == JsonValueKind.String
            ? String(item, Item(location, i), ConfigurationLimits.MaxContextValueLength)
            : throw new ConfigurationException(Item(location, i), Expected))];
    }
}
