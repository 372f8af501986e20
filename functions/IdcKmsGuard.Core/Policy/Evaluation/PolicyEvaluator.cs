using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>
/// Decides one request against a key policy as IAM does for a resource policy: an applicable Deny wins; an Allow
/// naming the principal allows; an Allow naming only its account defers to the account's IAM policies; otherwise
/// the request is implicitly denied. Every decision names the statements behind it.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyDecision Evaluate(KeyPolicy policy, PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var full = request with { Context = ImpliedContext.Complete(request) };
        var verdicts = new List<StatementVerdict>(policy.Statements.Count);
        var denies = new List<PolicyStatement>();
        var direct = new List<PolicyStatement>();
        var viaAccount = new List<PolicyStatement>();

        foreach (var statement in policy.Statements)
        {
            var (applies, account, reason) = StatementMatcher.Check(statement, full);
            verdicts.Add(new StatementVerdict(statement, applies, reason));
            if (!applies)
            {
                continue;
            }

            (statement.Effect == StatementEffect.Deny ? denies : account ? viaAccount : direct).Add(statement);
        }

        var (decision, decidedBy) = (denies.Count, direct.Count, viaAccount.Count) switch
        {
            ( > 0, _, _) => (Decision.ExplicitDeny, denies),
            (_, > 0, _) => (Decision.Allowed, direct),
            (_, _, > 0) => (Decision.AllowedIfIamAllows, viaAccount),
            _ => (Decision.ImplicitDeny, []),
        };
        return new PolicyDecision(full, decision, decidedBy, verdicts);
    }
}
