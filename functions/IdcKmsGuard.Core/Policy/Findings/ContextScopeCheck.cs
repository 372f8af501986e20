using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>
/// AWS's recommended hardening: the statements that let the two services use the key should be scoped by source
/// (aws:SourceAccount / aws:SourceArn) and by encryption context, so the key cannot be used for another tenant.
/// </summary>
internal static class ContextScopeCheck
{
    public static IEnumerable<PolicyFinding> For(IReadOnlyList<RequestOutcome> outcomes)
    {
        var crypto = outcomes.Where(o => o.Required.Kind == RequirementKind.Service
            && o.Decision.Decision == Decision.Allowed
            && o.Decision.Request.Action != "kms:DescribeKey");
        foreach (var principal in crypto.GroupBy(o => PrincipalMatcher.Describe(o.Decision.Request.Principal), StringComparer.Ordinal))
        {
            var statements = principal.SelectMany(o => o.Decision.DecidedBy).Distinct().ToList();
            var missing = new List<string>();
            if (!statements.All(s => s.Conditions.Any(c => IsSourceKey(c.Key))))
            {
                missing.Add("source account or ARN (aws:SourceAccount, aws:SourceArn)");
            }

            if (!statements.All(s => s.Conditions.Any(c => IsContextKey(c.Key))))
            {
                missing.Add("encryption context (kms:EncryptionContext:..., kms:EncryptionContextKeys)");
            }

            if (missing.Count > 0)
            {
                yield return new PolicyFinding(
                    PolicyFindingIds.ContextScope,
                    PolicyFindingIds.SeverityOf(PolicyFindingIds.ContextScope),
                    $"The statements letting {principal.Key} use the key are not scoped by {string.Join(" or ", missing)}.",
                    statements.Select(s => s.Label).ToList());
            }
        }
    }

    private static bool IsSourceKey(string key) =>
        key.Equals("aws:SourceAccount", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:SourceOrgID", StringComparison.OrdinalIgnoreCase);

    private static bool IsContextKey(string key) =>
        key.StartsWith("kms:EncryptionContext:", StringComparison.OrdinalIgnoreCase)
        || key.Equals("kms:EncryptionContextKeys", StringComparison.OrdinalIgnoreCase);
}
