using IdcKmsGuard.Core.Policy.Conditions;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>Does one statement apply to a request: principal, action, resource, then every condition (AND).</summary>
internal static class StatementMatcher
{
    public static (bool Applies, bool ViaAccount, string Reason) Check(PolicyStatement statement, PolicyRequest request)
    {
        var principal = PrincipalMatcher.Match(statement.Principal, request.Principal, statement.Effect);
        if (!principal.Matches)
        {
            return (false, false, principal.Reason);
        }

        if (!Covers(statement.Actions, request.Action, isAction: true, lenient: false, request.Context, "Action", out var actionReason))
        {
            return (false, false, actionReason);
        }

        var lenient = (statement.Effect == StatementEffect.Deny) != statement.Resources.IsNot;
        if (!Covers(statement.Resources, request.ResourceArn, isAction: false, lenient, request.Context, "Resource", out var resourceReason))
        {
            return (false, false, resourceReason);
        }

        var satisfied = new List<string>(statement.Conditions.Count);
        foreach (var clause in statement.Conditions)
        {
            var outcome = ConditionEvaluator.Evaluate(clause, request.Context, statement.Effect);
            if (!outcome.Satisfied)
            {
                return (false, false, $"{clause.Operator.Name} on {clause.Key} not met: {outcome.Explanation}");
            }

            satisfied.Add(outcome.Explanation);
        }

        var conditions = satisfied.Count == 0 ? "no conditions" : "conditions met: " + string.Join("; ", satisfied);
        return (true, principal.ViaAccount, $"{principal.Reason}; {request.Action} is covered; {conditions}");
    }

    private static bool Covers(PatternBlock block, string value, bool isAction, bool lenient, RequestContext context, string element, out string reason)
    {
        var matched = block.Patterns.FirstOrDefault(pattern => Matches(pattern, value, isAction, lenient, context));
        if (block.IsNot)
        {
            reason = matched is null ? string.Empty : $"Not{element} {matched} excludes {value}";
            return matched is null;
        }

        reason = matched is not null ? string.Empty : $"{element} [{string.Join(", ", block.Patterns)}] does not cover {value}";
        return matched is not null;
    }

    // Variables belong in Resource only (never in Action); a literal * from ${*} must stay literal. Before the 5th colon
    // IAM does not substitute them; only where a Deny might apply does the engine assume it could.
    private static bool Matches(string pattern, string value, bool isAction, bool lenient, RequestContext context)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (isAction)
        {
            return Glob.Matches(pattern, value, ignoreCase: true);
        }

        GlobPattern expanded;
        var usable = lenient
            ? PolicyVariables.TryExpandPattern(pattern, context, out expanded)
            : ResourceArnVariables.TryExpand(pattern, context, out expanded);
        return usable && expanded.Matches(value, ignoreCase: false);
    }
}
