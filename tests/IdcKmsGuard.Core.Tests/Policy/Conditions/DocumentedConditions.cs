using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Testing;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

/// <summary>Reads one statement's Condition block from a documented key policy, without the policy parser.</summary>
internal static class DocumentedConditions
{
    /// <summary>The statement's clauses; JSON booleans and numbers keep their JSON text, as the model specifies.</summary>
    public static List<ConditionClause> Of(string file, string sid)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", file)));
        var statement = document.RootElement.GetProperty("Statement").EnumerateArray()
            .Single(s => s.GetProperty("Sid").GetString() == sid);

        var clauses = new List<ConditionClause>();
        if (!statement.TryGetProperty("Condition", out var condition))
        {
            return clauses;
        }

        foreach (var op in condition.EnumerateObject())
        {
            foreach (var key in op.Value.EnumerateObject())
            {
                var values = key.Value.ValueKind == JsonValueKind.Array
                    ? key.Value.EnumerateArray().Select(Text).ToArray()
                    : [Text(key.Value)];
                clauses.Add(Clause(op.Name, key.Name, values));
            }
        }

        return clauses;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
