using IdcKmsGuard.Core.Policy.Conditions;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>
/// A single-valued operator (StringLike, StringEquals, ...) on a multivalued key, without ForAnyValue:/ForAllValues:.
/// IAM does not match it when the request carries several values, so an Allow written so grants less than it reads
/// (one token away from the documented ForAnyValue:StringEquals on kms:EncryptionContextKeys).
/// </summary>
internal static class SetOperatorCheck
{
    public static IEnumerable<PolicyFinding> For(KeyPolicy policy)
    {
        foreach (var statement in policy.Statements)
        {
            foreach (var clause in statement.Conditions.Where(IsBare))
            {
                yield return new PolicyFinding(
                    PolicyFindingIds.SetOperatorMissing,
                    PolicyFindingIds.SeverityOf(PolicyFindingIds.SetOperatorMissing),
                    $"Statement {statement.Label} compares the multivalued key {clause.Key} with {clause.Operator.Name}, without "
                    + $"ForAnyValue: or ForAllValues:. IAM does not match it when the request carries several values, so "
                    + (statement.Effect == StatementEffect.Allow
                        ? "this Allow grants nothing to such requests (Identity Center sends two encryption context keys)."
                        : "whether this Deny applies is undefined; it is judged as applying.")
                    + $" Write ForAnyValue:{clause.Operator.Name}.",
                    [statement.Label]);
            }
        }
    }

    private static bool IsBare(ConditionClause clause) =>
        clause.Operator.Qualifier == SetQualifier.None
        && clause.Operator.Family != OperatorFamily.Null
        && MultivaluedContextKeys.Contains(clause.Key);
}
