using IdcKmsGuard.Core.Policy.Conditions;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>
/// A policy variable in the part of a Resource ARN before the 5th colon ("arn:aws:kms:*:${aws:ResourceAccount}:key/*").
/// IAM substitutes variables only in the resource part, so the ARN stays as written and names no key.
/// </summary>
internal static class ResourceVariableCheck
{
    public static IEnumerable<PolicyFinding> For(KeyPolicy policy)
    {
        foreach (var statement in policy.Statements)
        {
            foreach (var pattern in statement.Resources.Patterns.Where(ResourceArnVariables.HasVariableBeforeResourcePart))
            {
                var consequence = statement.Effect == StatementEffect.Allow && !statement.Resources.IsNot
                    ? "so it covers no key and the statement grants nothing here"
                    : "so whether it covers this key is undefined; the engine assumes the worst";
                yield return new PolicyFinding(
                    PolicyFindingIds.ResourceVariable,
                    PolicyFindingIds.SeverityOf(PolicyFindingIds.ResourceVariable),
                    $"Statement {statement.Label} uses a policy variable before the 5th colon of \"{pattern}\": IAM substitutes "
                    + $"variables only in the resource part of an ARN, {consequence}. Write the account or Region itself, or \"*\".",
                    [statement.Label]);
            }
        }
    }
}
