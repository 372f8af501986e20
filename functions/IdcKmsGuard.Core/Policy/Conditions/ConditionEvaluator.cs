using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// Evaluates one condition clause (one operator, one key, its values) against a request's context, as IAM does.
/// The values of one clause combine with OR (NOR for a negated operator); combining clauses with AND is the caller's.
/// Where IAM's behaviour is not documented, the reading depends on the statement's effect: an Allow counts only on
/// what IAM certainly matches, a Deny on whatever it might, so Identity Center is never judged safer than it is.
/// </summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(ConditionClause clause, RequestContext context, StatementEffect effect = StatementEffect.Allow)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(context);

        var found = context.Get(clause.Key);
        var op = clause.Operator;
        if (op.Family == OperatorFamily.Null)
        {
            return NullCheck.Evaluate(clause, found);
        }

        if (!ComparisonFunctions.TryGet(op.BaseName, out var comparison))
        {
            return new(false, $"{op.Name} is not an IAM condition operator: not satisfied");
        }

        var policy = PolicyValueSet.Prepare(clause, comparison, context);
        return op.Qualifier switch
        {
            SetQualifier.ForAnyValue => SetOperators.ForAnyValue(clause, found, policy),
            SetQualifier.ForAllValues => SetOperators.ForAllValues(clause, found, policy),
            _ when found is { Count: > 1 } => SeveralValuesWithoutQualifier(clause, found, policy, effect),
            _ => WithoutQualifier(clause, found, policy),
        };
    }

    // IAM: "Multivalued context keys require a condition set operator" (Single-valued vs. multivalued context keys), and
    // IAM does not match a single-valued operator against a request carrying several values. An Allow must not count on
    // it; a Deny might still apply (any value matching, or for a negated operator, the unmatched condition holding).
    private static ConditionOutcome SeveralValuesWithoutQualifier(
        ConditionClause clause, IReadOnlyList<string> found, PolicyValueSet policy, StatementEffect effect)
    {
        var op = clause.Operator;
        var why = $"{clause.Key} carries {found.Count} values {Explain.List(found)} and {op.Name} has no ForAnyValue:/ForAllValues:";
        if (effect == StatementEffect.Allow)
        {
            return new(false, $"{why}: IAM does not match a single-valued operator against several values, not satisfied");
        }

        return op.IsNegated
            ? new(true, $"{why}: a Deny might apply, counted as satisfied")
            : WithoutQualifier(clause, found, policy);
    }

    private static ConditionOutcome WithoutQualifier(ConditionClause clause, IReadOnlyList<string>? found, PolicyValueSet policy)
    {
        var op = clause.Operator;
        if (found is null || found.Count == 0)
        {
            // IAM: a key missing from the request never matches, so a positive operator is false and a negated one
            // ("the key is not matched") is true; ...IfExists turns a missing key into true for both.
            return op.IfExists ? new(true, $"{clause.Key} is absent (IfExists: satisfied)")
                : op.IsNegated ? new(true, $"{clause.Key} is absent ({op.BaseName} on a missing key: satisfied)")
                : new(false, $"{clause.Key} is absent: not satisfied");
        }

        // Several values reach here only for a Deny's positive operator: it might apply when any value matches.
        var matched = -1;
        var matchedValue = found[0];
        string? problem = null;
        foreach (var value in found)
        {
            matched = policy.FindMatch(value, out problem);
            if (matched >= 0)
            {
                matchedValue = value;
                break;
            }
        }

        var subject = Explain.Subject(clause.Key, found) + (found.Count == 1 ? Explain.Unreadable(found[0], problem) : string.Empty);
        var on = found.Count > 1 ? $" on {Explain.Quote(matchedValue)}" : string.Empty;
        if (!op.IsNegated)
        {
            return matched >= 0
                ? new(true, $"{subject}, policy wants {policy.Describe(matched)}: match{on}")
                : new(false, $"{subject}, policy wants {policy.DescribeAll()}: no match");
        }

        return matched >= 0
            ? new(false, $"{subject}, policy excludes {policy.Describe(matched)}: excluded{on}, not satisfied")
            : new(true, $"{subject}, policy excludes {policy.DescribeAll()}: not excluded, satisfied");
    }
}
