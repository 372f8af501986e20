using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>One statement: Sid, Effect, Principal|NotPrincipal, Action|NotAction, Resource|NotResource, Condition.</summary>
internal static class StatementParser
{
    private static readonly string[] Elements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static PolicyStatement Parse(JsonElement element, int index, string location)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(location, $"must be an object, not {PolicyJson.Kind(element)}");
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in PolicyJson.Members(element, location))
        {
            if (Array.IndexOf(Elements, name) < 0)
            {
                throw new PolicyParseException(
                    PolicyJson.Join(location, name),
                    $"{PolicyJson.Quote(name)} is not a statement element; expected {string.Join(", ", Elements)}{CaseHint(name)}");
            }

            members.Add(name, value);
        }

        var sid = members.TryGetValue("Sid", out var sidElement) ? PolicyJson.String(sidElement, PolicyJson.Join(location, "Sid"), "a string") : null;
        var effect = Effect(members, location);

        var (principal, principalIsNot, principalLocation) = OneOf(
            members,
            "Principal",
            "NotPrincipal",
            location,
            "Principal is required in a key policy: every statement names whom it applies to with Principal or NotPrincipal");
        var principals = PrincipalParser.Parse(principal, principalIsNot, principalLocation);

        var (action, actionIsNot, actionLocation) = OneOf(members, "Action", "NotAction", location, "Action is required (or NotAction)");
        var actions = PatternParser.Actions(action, actionIsNot, actionLocation);

        var (resource, resourceIsNot, resourceLocation) = OneOf(
            members,
            "Resource",
            "NotResource",
            location,
            "Resource is required (or NotResource); in a key policy \"*\" means this key");
        var resources = PatternParser.Resources(resource, resourceIsNot, resourceLocation);

        var conditions = members.TryGetValue("Condition", out var condition)
            ? ConditionParser.Parse(condition, PolicyJson.Join(location, "Condition"))
            : [];

        return new PolicyStatement(index, sid, effect, principals, actions, resources, conditions, element.GetRawText());
    }

    private static StatementEffect Effect(Dictionary<string, JsonElement> members, string location)
    {
        var effectLocation = PolicyJson.Join(location, "Effect");
        if (!members.TryGetValue("Effect", out var element))
        {
            throw new PolicyParseException(effectLocation, "Effect is required (\"Allow\" or \"Deny\")");
        }

        var value = PolicyJson.String(element, effectLocation, "\"Allow\" or \"Deny\"");
        return value switch
        {
            "Allow" => StatementEffect.Allow,
            "Deny" => StatementEffect.Deny,
            _ => throw new PolicyParseException(effectLocation, $"must be \"Allow\" or \"Deny\" (case-sensitive), not {PolicyJson.Quote(value)}"),
        };
    }

    private static (JsonElement Value, bool IsNot, string Location) OneOf(
        Dictionary<string, JsonElement> members, string name, string notName, string location, string missing)
    {
        var hasPlain = members.TryGetValue(name, out var plain);
        var hasNot = members.TryGetValue(notName, out var not);
        if (hasPlain && hasNot)
        {
            throw new PolicyParseException(PolicyJson.Join(location, notName), $"cannot be used together with {name} in one statement; use exactly one");
        }

        return hasPlain ? (plain, false, PolicyJson.Join(location, name))
            : hasNot ? (not, true, PolicyJson.Join(location, notName))
            : throw new PolicyParseException(PolicyJson.Join(location, name), missing);
    }

    private static string CaseHint(string name)
    {
        var match = Array.Find(Elements, e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? string.Empty : $" (element names are case-sensitive: did you mean \"{match}\"?)";
    }
}
