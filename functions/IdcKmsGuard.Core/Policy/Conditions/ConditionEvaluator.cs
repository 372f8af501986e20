using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Evaluates one condition clause against a request's context, as IAM does.</summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(ConditionClause clause, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(context);
        throw new NotImplementedException("Being written.");
    }
}
