using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// Exempts the two Identity Center service principals from a Deny, changing nothing else: IAM ANDs condition
/// operators, so one more StringNotEquals on aws:PrincipalServiceName narrows the Deny to everyone else (the key is
/// absent for other callers, and StringNotEquals on an absent key holds).
/// </summary>
internal static class DenyNarrowing
{
    private const string Operator = "StringNotEquals";
    private const string Key = "aws:PrincipalServiceName";

    public static void ExemptServices(JsonObject deny)
    {
        var condition = deny["Condition"] as JsonObject ?? new JsonObject();
        deny["Condition"] = condition;
        var block = condition[Operator] as JsonObject ?? new JsonObject();
        condition[Operator] = block;

        var existingKey = block.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, Key, StringComparison.OrdinalIgnoreCase)) ?? Key;
        var values = block[existingKey] switch
        {
            JsonArray array => array.Select(v => v!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        foreach (var service in new[] { RequiredRequests.SsoService, RequiredRequests.IdentityStoreService })
        {
            if (!values.Contains(service, StringComparer.Ordinal))
            {
                values.Add(service);
            }
        }

        block[existingKey] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
    }
}
