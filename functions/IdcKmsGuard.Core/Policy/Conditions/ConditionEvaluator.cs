using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// Evaluates one condition clause (one operator, one key, its values) against a request's context, as IAM does.
/// The values of one clause combine with OR (NOR for a negated operator); combining clauses with AND is the caller's.
/// </summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(ConditionClause clause, RequestContext context)
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
            _ => WithoutQualifier(clause, found, policy),
        };
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

        // Several request values without ForAnyValue/ForAllValues: the IAM guide only says multivalued keys "require"
        // a set operator and does not define this case. We read the operator as it reads for one value: a positive
        // operator is satisfied when any request value matches any policy value (as ForAnyValue), a negated one when
        // no request value matches any policy value. The negated result is the exact complement of the positive one,
        // so a Deny written with StringNotEquals is never read as weaker than its positive twin.
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
