using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>Principal or NotPrincipal: "*", or {"AWS"|"Service"|"Federated"|"CanonicalUser": value or list}.</summary>
internal static class PrincipalParser
{
    private const string Expected = "\"*\" or an object of principal types (AWS, Service, Federated, CanonicalUser)";

    public static PrincipalBlock Parse(JsonElement element, bool isNot, string location)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var value = PolicyJson.String(element, location, Expected);
            return value == "*"
                ? new PrincipalBlock(isNot, true, [])
                : throw new PolicyParseException(location, $"must be {Expected}, not the string {PolicyJson.Quote(value)}");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(location, $"must be {Expected}, not {PolicyJson.Kind(element)}");
        }

        var entries = new List<PrincipalEntry>();
        var isWildcard = false;
        foreach (var (typeName, value) in PolicyJson.Members(element, location))
        {
            var typeLocation = PolicyJson.Join(location, typeName);
            var type = Type(typeName, typeLocation);
            foreach (var (principal, principalLocation) in PolicyJson.StringOrList(value, typeLocation, "a principal string"))
            {
                if (principal.Length == 0)
                {
                    throw new PolicyParseException(principalLocation, "is empty; a principal must be named");
                }

                // {"AWS": "*"} is every principal, exactly like "*" (IAM User Guide, "AWS JSON policy elements: Principal").
                isWildcard |= type == PrincipalType.Aws && principal == "*";
                entries.Add(new PrincipalEntry(type, principal));
            }
        }

        if (entries.Count == 0)
        {
            throw new PolicyParseException(location, $"is an empty object; it must name at least one principal ({Expected})");
        }

        return new PrincipalBlock(isNot, isWildcard, entries);
    }

    private static PrincipalType Type(string name, string location) => name switch
    {
        "AWS" => PrincipalType.Aws,
        "Service" => PrincipalType.Service,
        "Federated" => PrincipalType.Federated,
        "CanonicalUser" => PrincipalType.CanonicalUser,
        _ => throw new PolicyParseException(
            location,
            $"{PolicyJson.Quote(name)} is not a principal type; use AWS, Service, Federated or CanonicalUser (case-sensitive)"),
    };
}
