using IdcKmsGuard.Core.Policy.Conditions;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

/// <summary>
/// Builds clauses and contexts for the condition tests without the policy parser, so these tests pin the evaluator
/// alone. Operator names are split the way IAM spells them: [ForAnyValue:|ForAllValues:]Base[IfExists].
/// </summary>
internal static class ClauseBuilder
{
    public static ConditionClause Clause(string name, string key, params string[] values)
    {
        var qualifier = SetQualifier.None;
        var rest = name;
        foreach (var candidate in new[] { SetQualifier.ForAnyValue, SetQualifier.ForAllValues })
        {
            var prefix = candidate + ":";
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                qualifier = candidate;
                rest = rest[prefix.Length..];
            }
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal);
        var baseName = ifExists ? rest[..^"IfExists".Length] : rest;
        var family = baseName switch
        {
            _ when baseName.StartsWith("String", StringComparison.Ordinal) => OperatorFamily.String,
            _ when baseName.StartsWith("Numeric", StringComparison.Ordinal) => OperatorFamily.Numeric,
            _ when baseName.StartsWith("Date", StringComparison.Ordinal) => OperatorFamily.Date,
            "Bool" => OperatorFamily.Bool,
            "BinaryEquals" => OperatorFamily.Binary,
            "IpAddress" or "NotIpAddress" => OperatorFamily.IpAddress,
            _ when baseName.StartsWith("Arn", StringComparison.Ordinal) => OperatorFamily.Arn,
            "Null" => OperatorFamily.Null,
            _ => throw new ArgumentException($"Unknown operator {name}", nameof(name)),
        };
        var negated = baseName.Contains("Not", StringComparison.Ordinal);
        return new ConditionClause(new ConditionOperator(name, family, baseName, negated, ifExists, qualifier), key, values);
    }

    /// <summary>Pairs of key and values: Context("aws:SourceAccount", ["1"], "kms:EncryptionContextKeys", ["a", "b"]).</summary>
    public static RequestContext Context(params object[] pairs)
    {
        var context = RequestContext.Empty;
        for (var i = 0; i < pairs.Length; i += 2)
        {
            var values = pairs[i + 1] switch
            {
                string one => new[] { one },
                string[] many => many,
                _ => throw new ArgumentException("Values must be a string or a string array.", nameof(pairs)),
            };
            context = context.With((string)pairs[i], values);
        }

        return context;
    }

    /// <summary>A context holding one key, with any number of values.</summary>
    public static RequestContext OneKey(string key, params string[] values) => RequestContext.Empty.With(key, values);

    public static ConditionOutcome Evaluate(string op, string key, string[] values, RequestContext context) =>
        ConditionEvaluator.Evaluate(Clause(op, key, values), context);

    /// <summary>One policy value against one request value of the same key.</summary>
    public static ConditionOutcome EvaluateOne(string op, string policyValue, string requestValue) =>
        ConditionEvaluator.Evaluate(Clause(op, "test:Key", policyValue), Context("test:Key", requestValue));
}
