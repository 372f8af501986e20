using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>
/// KMS's lock-out rule: someone must still be able to call PutKeyPolicy. Tried for an IAM principal of the key's
/// account (what an account-root grant delegates to), the guard's own role, and every principal the policy names.
/// </summary>
internal static class LockoutCheck
{
    public static IEnumerable<PolicyFinding> For(KeyPolicy policy, IdentityCenterFacts facts)
    {
        var candidates = Candidates(policy, facts).ToList();
        if (candidates.Any(p => PolicyEvaluator.Evaluate(policy, new PolicyRequest(p, "kms:PutKeyPolicy", facts.KeyArn, RequestContext.Empty)).IsAllowed))
        {
            yield break;
        }

        yield return new PolicyFinding(
            PolicyFindingIds.AdminLockout,
            PolicyFindingIds.SeverityOf(PolicyFindingIds.AdminLockout),
            $"No principal can change this key policy any more (kms:PutKeyPolicy): tried {candidates.Count} principals, "
            + $"including the account {facts.Account}. KMS would refuse to set it without the lock-out safety check, "
            + "and nobody could repair it afterwards.",
            []);
    }

    private static IEnumerable<IamPrincipal> Candidates(KeyPolicy policy, IdentityCenterFacts facts)
    {
        var org = facts.OrgId ?? RequiredRequestCatalog.UnknownOrgId;
        yield return new IamPrincipal($"arn:{facts.Partition}:iam::{facts.Account}:role/KeyAdministrator", facts.Account, org);
        if (facts.GuardRoleArn is { } guard && guard.Split(':') is { Length: 6 } guardParts)
        {
            yield return new IamPrincipal(guard, guardParts[4], org);
        }

        foreach (var statement in policy.Statements.Where(s => s.Effect == StatementEffect.Allow && !s.Principal.IsNot))
        {
            foreach (var entry in statement.Principal.Entries.Where(e => e.Type == PrincipalType.Aws && e.Value.StartsWith("arn:", StringComparison.Ordinal)))
            {
                if (!PrincipalMatcher.IsAccountPrincipal(entry.Value, out _) && entry.Value.Split(':') is { Length: 6 } parts)
                {
                    yield return new IamPrincipal(entry.Value, parts[4], org);
                }
            }

            // A grant to the account narrowed by aws:PrincipalArn: try a principal that fits the pattern.
            foreach (var clause in statement.Conditions.Where(c =>
                string.Equals(c.Key, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase) && !c.Operator.IsNegated))
            {
                foreach (var value in clause.Values.Where(v => v.Split(':') is { Length: 6 }))
                {
                    yield return new IamPrincipal(value.Replace('*', 'x').Replace('?', 'x'), value.Split(':')[4], org);
                }
            }
        }
    }
}
