using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// A readable statement-level diff: statements pair up by Sid, then by identical content, then by position;
/// changed statements list each changed element with its old and new value.
/// </summary>
public static class PolicyDiff
{
    private static readonly string[] Elements = ["Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static IReadOnlyList<string> Lines(KeyPolicy before, KeyPolicy after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        var remaining = after.Statements.ToList();
        var unchanged = 0;
        var unmatched = new List<PolicyStatement>();

        foreach (var old in before.Statements)
        {
            var partner = remaining.FirstOrDefault(s => old.Sid is not null && s.Sid == old.Sid)
                ?? remaining.FirstOrDefault(s => JsonNode.DeepEquals(Node(s), Node(old)));
            if (partner is null)
            {
                unmatched.Add(old);
                continue;
            }

            remaining.Remove(partner);
            var changes = Changes(old, partner);
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                lines.Add($"~ statement {partner.Label}: {string.Join("; ", changes)}");
            }
        }

        lines.AddRange(unmatched.Select(s => $"- statement {s.Label}: {Summary(s)}"));
        lines.AddRange(remaining.Select(s => $"+ statement {s.Label}: {Summary(s)}"));
        if (unchanged > 0)
        {
            lines.Add($"  {unchanged} statement(s) unchanged");
        }

        return lines;
    }

    public static string Summary(PolicyStatement statement)
    {
        var principal = statement.Principal.IsWildcard
            ? "everyone"
            : string.Join(", ", statement.Principal.Entries.Select(e => e.Value));
        var conditions = statement.Conditions.Count == 0
            ? string.Empty
            : $" when {string.Join(" and ", statement.Conditions.Select(c => $"{c.Operator.Name} {c.Key} [{string.Join(", ", c.Values)}]"))}";
        return $"{statement.Effect} {(statement.Principal.IsNot ? "all but " : string.Empty)}{principal} "
            + $"{(statement.Actions.IsNot ? "all but " : string.Empty)}{string.Join(", ", statement.Actions.Patterns)}{conditions}";
    }

    private static List<string> Changes(PolicyStatement old, PolicyStatement updated)
    {
        var (a, b) = (Node(old), Node(updated));
        var changes = new List<string>();
        foreach (var element in Elements)
        {
            var (x, y) = (a[element], b[element]);
            if (!JsonNode.DeepEquals(x, y))
            {
                changes.Add($"{element} {Compact(x)} -> {Compact(y)}");
            }
        }

        return changes;
    }

    private static JsonObject Node(PolicyStatement statement) => JsonNode.Parse(statement.RawJson)!.AsObject();

    private static string Compact(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();
}
