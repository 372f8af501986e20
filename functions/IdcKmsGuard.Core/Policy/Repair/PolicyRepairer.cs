using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// The smallest change that makes a key policy healthy again: add the documented statements Identity Center lacks,
/// keep every existing statement, touch a blocking Deny only when allowed, never remove administration, stay within
/// KMS's limits, and prove the result with the same engine.
/// </summary>
public static class PolicyRepairer
{
    public static RepairResult Repair(KeyPolicy policy, IdentityCenterFacts facts, RepairOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var before = PolicyChecker.Check(policy, facts);
        if (before.IsHealthy && before.IsLockoutSafe)
        {
            return new RepairResult(policy.Text, [], before, before, []);
        }

        var document = JsonNode.Parse(policy.Text)!.AsObject();
        var statements = StatementsOf(document);
        var changes = new List<string>();
        var unresolved = new List<string>();

        // Narrowing a Deny can leave a request with no Allow at all, so grants are decided on the narrowed policy.
        var narrowed = NarrowOrReportDenies(before, statements, options, changes, unresolved)
            ? PolicyChecker.Check(KeyPolicyParser.Parse(PolicyJson.Write(document)), facts)
            : before;
        AddMissingGrants(narrowed, facts, statements, changes);
        if (!before.IsLockoutSafe)
        {
            Add(statements, IdentityCenterStatements.Administration([facts.Account]), changes, "restores key administration to the account (kms:* for its IAM principals), so the policy stays changeable");
        }

        var text = PolicyJson.Write(document);
        if (KmsPolicyLimits.Check(text) is { Count: > 0 } problems)
        {
            unresolved.AddRange(problems.Select(p => $"The repaired policy would break a KMS limit: {p}"));
            return new RepairResult(policy.Text, [], before, before, unresolved);
        }

        var after = PolicyChecker.Check(KeyPolicyParser.Parse(text), facts);
        return new RepairResult(text, changes, before, after, unresolved);
    }

    private static void AddMissingGrants(PolicyReport before, IdentityCenterFacts facts, JsonArray statements, List<string> changes)
    {
        var missing = before.Requests.Where(r => r.Required.Kind == RequirementKind.Service && r.Decision.Decision == Decision.ImplicitDeny).ToList();
        IReadOnlyList<string> sources = [facts.InstanceArn, facts.IdentityStoreArn];
        if (missing.Any(r => r.Decision.Request.Action == "kms:DescribeKey"))
        {
            Add(statements, IdentityCenterStatements.DescribeKey(facts.Account, sources), changes, "lets sso.amazonaws.com and identitystore.amazonaws.com describe the key (no encryption-context condition: DescribeKey carries none)");
        }

        if (missing.Any(r => r.Decision.Request.Action != "kms:DescribeKey"))
        {
            Add(statements, IdentityCenterStatements.UseKey(facts.Account, sources), changes, "lets sso.amazonaws.com and identitystore.amazonaws.com decrypt, re-encrypt and generate data keys, scoped to this instance and identity store");
        }
    }

    /// <returns>Whether a Deny was narrowed.</returns>
    private static bool NarrowOrReportDenies(PolicyReport before, JsonArray statements, RepairOptions options, List<string> changes, List<string> unresolved)
    {
        var blocking = before.Requests
            .Where(r => r.Required.Kind == RequirementKind.Service && r.Decision.Decision == Decision.ExplicitDeny)
            .SelectMany(r => r.Decision.DecidedBy)
            .Distinct()
            .ToList();
        foreach (var deny in blocking)
        {
            if (!options.NarrowBlockingDenies)
            {
                unresolved.Add($"Statement {deny.Label} denies Identity Center; it was left as it is (allow changing it with the option to narrow blocking denies).");
                continue;
            }

            DenyNarrowing.ExemptServices(statements[deny.Index]!.AsObject());
            changes.Add($"~ statement {deny.Label}: no longer applies to sso.amazonaws.com and identitystore.amazonaws.com (added StringNotEquals aws:PrincipalServiceName)");
        }

        return options.NarrowBlockingDenies && blocking.Count > 0;
    }

    private static void Add(JsonArray statements, JsonObject statement, List<string> changes, string why)
    {
        var sid = statement["Sid"]!.GetValue<string>();
        var taken = statements.Select(s => s?["Sid"]?.GetValue<string>()).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        var unique = sid;
        for (var n = 2; taken.Contains(unique); n++)
        {
            unique = $"{sid}{n}";
        }

        statement["Sid"] = unique;
        statements.Add((JsonNode)statement);
        changes.Add($"+ statement #{statements.Count} \"{unique}\": {why}");
    }

    // A single statement object becomes an array so statements can be added; its content is unchanged.
    private static JsonArray StatementsOf(JsonObject document)
    {
        if (document["Statement"] is JsonArray array)
        {
            return array;
        }

        var single = document["Statement"]!;
        document.Remove("Statement");
        var wrapped = new JsonArray(single);
        document["Statement"] = wrapped;
        return wrapped;
    }
}
