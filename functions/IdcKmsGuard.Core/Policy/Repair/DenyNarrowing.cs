using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// Exempts the two Identity Center service principals from a Deny, only for Identity Center's own actions: IAM ANDs
/// condition operators, so one more StringNotEquals on aws:PrincipalServiceName narrows the Deny to everyone else
/// (the key is absent for other callers, and StringNotEquals on an absent key holds), and a copy of the Deny, for the
/// two services and every other action, keeps them denied whatever else the original denied them.
/// </summary>
internal static class DenyNarrowing
{
    private const string Operator = "StringNotEquals";
    private const string Key = "aws:PrincipalServiceName";

    /// <summary>The original Deny, limited to the two services (StringEquals aws:PrincipalServiceName) and to every
    /// action but Identity Center's (NotAction): it denies no more than the original did to anyone but the services,
    /// and to them at most every action they do not need. Its Sid, if any, gets a suffix.</summary>
    public static JsonObject KeepForOtherActions(JsonObject deny)
    {
        var copy = deny.DeepClone().AsObject();
        if (copy["Sid"] is JsonValue sid)
        {
            copy["Sid"] = sid.GetValue<string>() + "OtherActions";
        }

        copy.Remove("Action");
        copy.Remove("NotAction");
        copy["NotAction"] = new JsonArray([.. RequiredRequestCatalog.CryptoActions.Append("kms:DescribeKey").Select(a => (JsonNode)JsonValue.Create(a)!)]);
        var condition = copy["Condition"] as JsonObject ?? new JsonObject();
        copy["Condition"] = condition;
        var block = condition["StringEquals"] as JsonObject ?? new JsonObject();
        condition["StringEquals"] = block;
        block[Key] = new JsonArray(JsonValue.Create(RequiredRequestCatalog.SsoService), JsonValue.Create(RequiredRequestCatalog.IdentityStoreService));
        return copy;
    }

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
        foreach (var service in new[] { RequiredRequestCatalog.SsoService, RequiredRequestCatalog.IdentityStoreService })
        {
            if (!values.Contains(service, StringComparer.Ordinal))
            {
                values.Add(service);
            }
        }

        block[existingKey] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
    }
}
