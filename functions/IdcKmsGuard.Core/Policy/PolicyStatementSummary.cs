using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Policy;

/// <summary>The parts of one statement that the first check reads.</summary>
internal sealed record PolicyStatementSummary(
    string Label,
    bool IsDeny,
    bool HasCondition,
    bool AnyPrincipal,
    IReadOnlyList<string> ServicePrincipals,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions)
{
    public static PolicyStatementSummary Read(JsonElement statement, int index)
    {
        var sid = statement.String("Sid");
        var principal = statement.Property("Principal");
        var anyPrincipal = principal is { ValueKind: JsonValueKind.String } p && p.GetString() == "*"
            || principal is { ValueKind: JsonValueKind.Object } o && Strings(o.Property("AWS")).Contains("*");

        return new PolicyStatementSummary(
            Label: sid is null ? $"#{index + 1}" : $"#{index + 1} \"{sid}\"",
            IsDeny: string.Equals(statement.String("Effect"), "Deny", StringComparison.Ordinal),
            HasCondition: statement.Property("Condition") is { ValueKind: JsonValueKind.Object } c && c.EnumerateObject().Any(),
            AnyPrincipal: anyPrincipal,
            ServicePrincipals: principal is { ValueKind: JsonValueKind.Object } obj ? Strings(obj.Property("Service")) : [],
            Actions: Strings(statement.Property("Action")),
            NotActions: Strings(statement.Property("NotAction")));
    }

    public bool Covers(string principal, string action)
    {
        var principalMatches = AnyPrincipal || ServicePrincipals.Contains(principal, StringComparer.Ordinal);
        var actionMatches = Actions.Count > 0
            ? Actions.Any(pattern => Wildcard.Matches(pattern, action))
            : NotActions.Count > 0 && !NotActions.Any(pattern => Wildcard.Matches(pattern, action));
        return principalMatches && actionMatches;
    }

    private static List<string> Strings(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => [s.GetString()!],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList(),
        _ => [],
    };
}
