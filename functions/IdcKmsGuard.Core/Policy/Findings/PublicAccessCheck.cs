using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>An Allow to everyone that no condition confines to the account, the organization or a service path.</summary>
internal static class PublicAccessCheck
{
    private static readonly HashSet<string> ConfiningKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "kms:CallerAccount", "kms:ViaService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount",
        "aws:PrincipalArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceArn",
        "aws:SourceVpc", "aws:SourceVpce",
    };

    public static IEnumerable<PolicyFinding> For(KeyPolicy policy)
    {
        foreach (var statement in policy.Statements.Where(s => s.Effect == StatementEffect.Allow && (s.Principal.IsWildcard || s.Principal.IsNot)))
        {
            if (!statement.Conditions.Any(Confines))
            {
                yield return new PolicyFinding(
                    PolicyFindingIds.Public,
                    PolicyFindingIds.SeverityOf(PolicyFindingIds.Public),
                    $"Statement {statement.Label} allows {string.Join(", ", statement.Actions.Patterns)} to any principal, in any account, "
                    + "with no condition limiting it to this account, organization or a service "
                    + "(kms:CallerAccount, aws:PrincipalOrgID, aws:SourceAccount, kms:ViaService, ...).",
                    [statement.Label]);
            }
        }
    }

    // A negated or IfExists operator, or a bare "*", lets an outsider through: it does not confine.
    private static bool Confines(ConditionClause clause) =>
        ConfiningKeys.Contains(clause.Key)
        && !clause.Operator.IsNegated
        && !clause.Operator.IfExists
        && clause.Operator.Family is OperatorFamily.String or OperatorFamily.Arn
        && clause.Values.All(v => v != "*");
}
