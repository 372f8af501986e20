using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// The smallest change that makes a key policy healthy again: add the documented statements Identity Center lacks,
/// keep every existing statement byte for byte, touch a blocking Deny only when allowed (and then only for Identity
/// Center's own requests), never add or remove administration, stay within KMS's limits, and prove the result with
/// the same engine. A repair never widens: every request the result allows, the original allowed too, or it is one
/// of Identity Center's.
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

        var editor = new PolicyTextEditor(policy.Text);
        var sids = new HashSet<string>(policy.Statements.Select(s => s.Sid).OfType<string>(), StringComparer.Ordinal);
        var changes = new List<string>();
        var unresolved = new List<string>();
        var count = policy.Statements.Count;

        // Narrowing a Deny can leave a request with no Allow at all, so grants are decided on the narrowed policy.
        var narrowed = NarrowOrReportDenies(before, editor, options, changes, unresolved)
            ? PolicyChecker.Check(KeyPolicyParser.Parse(editor.Text()), facts)
            : before;
        foreach (var (statement, why) in MissingGrants(narrowed, facts))
        {
            changes.Add(Add(editor, statement, sids, ++count, why));
        }

        // An unconditional kms:* for the account would also undo deliberate conditions on administration (MFA, a
        // tag, a network): that is a person's decision, not the guard's.
        if (!before.IsLockoutSafe)
        {
            unresolved.Add(
                "Nobody the guard can name may change this key policy any more "
                + "(no kms:PutKeyPolicy for the account, the guard or a principal the policy names); "
                + "the guard adds no administrator grant, because that could widen access. "
                + "An administrator must give key administration back, with the conditions the organization wants.");
        }

        var text = editor.Text();
        if (KmsPolicyLimits.Check(text) is { Count: > 0 } problems)
        {
            unresolved.AddRange(problems.Select(p => $"The repaired policy would break a KMS limit: it {p}."));
            return new RepairResult(policy.Text, [], before, before, unresolved);
        }

        var after = PolicyChecker.Check(KeyPolicyParser.Parse(text), facts);
        return new RepairResult(text, changes, before, after, unresolved);
    }

    private static IEnumerable<(JsonObject Statement, string Why)> MissingGrants(PolicyReport report, IdentityCenterFacts facts)
    {
        var missing = report.Requests.Where(r => r.Required.Kind == RequirementKind.Service && r.Decision.Decision == Decision.ImplicitDeny).ToList();
        IReadOnlyList<string> sources = [facts.InstanceArn, facts.IdentityStoreArn];
        if (missing.Any(r => r.Decision.Request.Action == "kms:DescribeKey"))
        {
            yield return (
                IdentityCenterStatements.DescribeKey(facts.Account, sources),
                "lets sso.amazonaws.com and identitystore.amazonaws.com describe the key "
                + "(no encryption-context condition: DescribeKey carries none)");
        }

        if (missing.Any(r => r.Decision.Request.Action != "kms:DescribeKey"))
        {
            yield return (
                IdentityCenterStatements.UseKey(facts.Account, sources),
                "lets sso.amazonaws.com and identitystore.amazonaws.com decrypt, re-encrypt and generate data keys, "
                + "scoped to this instance and identity store");
        }
    }

    /// <returns>Whether a Deny was narrowed.</returns>
    private static bool NarrowOrReportDenies(PolicyReport before, PolicyTextEditor editor, RepairOptions options, List<string> changes, List<string> unresolved)
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
                unresolved.Add(
                    $"Statement {deny.Label} denies Identity Center; it was left as it is "
                    + "(allow changing it with the option to narrow blocking denies).");
                continue;
            }

            var original = JsonNode.Parse(deny.RawJson)!.AsObject();
            var narrowed = original.DeepClone().AsObject();
            DenyNarrowing.ExemptServices(narrowed);
            editor.Replace(deny.Index, PolicyWriter.WriteCompact(narrowed));
            changes.Add(
                $"~ statement {deny.Label}: no longer applies to sso.amazonaws.com and identitystore.amazonaws.com "
                + "(added StringNotEquals aws:PrincipalServiceName)");
            editor.Append(PolicyWriter.WriteCompact(DenyNarrowing.KeepForOtherActions(original)));
            changes.Add($"+ a copy of statement {deny.Label} that still denies the two services every action Identity Center does not need");
        }

        return options.NarrowBlockingDenies && blocking.Count > 0;
    }

    private static string Add(PolicyTextEditor editor, JsonObject statement, HashSet<string> sids, int position, string why)
    {
        var sid = statement["Sid"]!.GetValue<string>();
        var unique = sid;
        for (var n = 2; !sids.Add(unique); n++)
        {
            unique = $"{sid}{n}";
        }

        statement["Sid"] = unique;
        editor.Append(PolicyWriter.WriteCompact(statement));
        return $"+ statement #{position} \"{unique}\": {why}";
    }
}
