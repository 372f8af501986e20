using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// ForAnyValue / ForAllValues over a multivalued request key. The per-value test is the operator itself, negation
/// included: for a negated operator a request value passes when it matches none of the policy values (NOR), so
/// ForAnyValue:StringNotEquals asks for one value outside the list and ForAllValues:StringNotLike for all of them.
/// </summary>
internal static class SetOperators
{
    public static ConditionOutcome ForAnyValue(ConditionClause clause, IReadOnlyList<string>? found, PolicyValueSet policy)
    {
        var key = clause.Key;
        var negated = clause.Operator.IsNegated;
        if (IsEmptySet(found))
        {
            // IAM: ForAnyValue returns false when the key is missing or resolves to an empty data set. IfExists does not
            // rescue it: AWS evaluates IfExists per value inside the set loop, so ForAnyValue:...IfExists on a missing
            // key is still false (what AWS does, per re:Post and iam-simulate's tests against AWS; the IAM guide is silent).
            var ifExists = clause.Operator.IfExists ? "; IfExists does not apply to a missing set" : string.Empty;
            return new(false, $"{key} {Explain.Absence(found)} (ForAnyValue: not satisfied{ifExists})");
        }

        foreach (var value in found)
        {
            var index = policy.FindMatch(value, out var problem);
            if (!negated && index >= 0)
            {
                return new(true, $"{key} has {Explain.Quote(value)}, policy wants {policy.Describe(index)}: match");
            }

            if (negated && index < 0)
            {
                return new(true, $"{key} has {Explain.Quote(value)}{Explain.Unreadable(value, problem)}, not excluded by {policy.DescribeAll()}: satisfied");
            }
        }

        return negated
            ? new(false, $"every value of {key} {Explain.List(found)} is excluded by {policy.DescribeAll()} (ForAnyValue: not satisfied)")
            : new(false, $"{key} has no value {policy.DescribeAll()} (values: {Explain.List(found)})");
    }

    public static ConditionOutcome ForAllValues(ConditionClause clause, IReadOnlyList<string>? found, PolicyValueSet policy)
    {
        var key = clause.Key;
        var negated = clause.Operator.IsNegated;
        if (IsEmptySet(found))
        {
            // Vacuous truth, as IAM documents: "ForAllValues ... also returns true if there are no context keys in the
            // request" (and for an empty data set). An Allow written with ForAllValues therefore also allows requests
            // that lack the key entirely.
            return new(true, $"{key} {Explain.Absence(found)} (ForAllValues: satisfied, no value fails the test)");
        }

        foreach (var value in found)
        {
            var index = policy.FindMatch(value, out var problem);
            if (!negated && index < 0)
            {
                return new(
                    false,
                    $"{key} value {Explain.Quote(value)}{Explain.Unreadable(value, problem)} "
                    + $"does not match {policy.DescribeAll()} (ForAllValues: not satisfied)");
            }

            if (negated && index >= 0)
            {
                return new(false, $"{key} value {Explain.Quote(value)} is excluded by {policy.Describe(index)} (ForAllValues: not satisfied)");
            }
        }

        return negated
            ? new(true, $"no value of {key} {Explain.List(found)} is excluded by {policy.DescribeAll()}: satisfied")
            : new(true, $"every value of {key} {Explain.List(found)} matches {policy.DescribeAll()}: satisfied");
    }

    // IAM: "If the key values in the request resolve to an empty data set (for example, an empty string)".
    private static bool IsEmptySet([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] IReadOnlyList<string>? found) =>
        found is null || found.Count == 0 || (found.Count == 1 && found[0].Length == 0);
}
