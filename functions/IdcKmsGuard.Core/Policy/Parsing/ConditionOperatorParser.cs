using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>
/// Splits "ForAnyValue:StringNotEqualsIfExists" into its parts. Names compare case-sensitively, as IAM does: IAM
/// rejects "stringEquals" with "MalformedPolicyDocument: Invalid Condition type". Condition keys, by contrast, are
/// case-insensitive (IAM User Guide, "IAM JSON policy elements: Condition"); that is the evaluator's business.
/// </summary>
internal static class ConditionOperatorParser
{
    public const string ForAnyValuePrefix = "ForAnyValue:";

    public const string ForAllValuesPrefix = "ForAllValues:";

    public const string IfExistsSuffix = "IfExists";

    /// <summary>Every base operator of the IAM User Guide, "IAM JSON policy elements: Condition operators".</summary>
    public static IReadOnlyDictionary<string, (OperatorFamily Family, bool IsNegated)> BaseOperators { get; } =
        new Dictionary<string, (OperatorFamily, bool)>(StringComparer.Ordinal)
        {
            ["StringEquals"] = (OperatorFamily.String, false),
            ["StringNotEquals"] = (OperatorFamily.String, true),
            ["StringEqualsIgnoreCase"] = (OperatorFamily.String, false),
            ["StringNotEqualsIgnoreCase"] = (OperatorFamily.String, true),
            ["StringLike"] = (OperatorFamily.String, false),
            ["StringNotLike"] = (OperatorFamily.String, true),
            ["NumericEquals"] = (OperatorFamily.Numeric, false),
            ["NumericNotEquals"] = (OperatorFamily.Numeric, true),
            ["NumericLessThan"] = (OperatorFamily.Numeric, false),
            ["NumericLessThanEquals"] = (OperatorFamily.Numeric, false),
            ["NumericGreaterThan"] = (OperatorFamily.Numeric, false),
            ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, false),
            ["DateEquals"] = (OperatorFamily.Date, false),
            ["DateNotEquals"] = (OperatorFamily.Date, true),
            ["DateLessThan"] = (OperatorFamily.Date, false),
            ["DateLessThanEquals"] = (OperatorFamily.Date, false),
            ["DateGreaterThan"] = (OperatorFamily.Date, false),
            ["DateGreaterThanEquals"] = (OperatorFamily.Date, false),
            ["Bool"] = (OperatorFamily.Bool, false),
            ["BinaryEquals"] = (OperatorFamily.Binary, false),
            ["IpAddress"] = (OperatorFamily.IpAddress, false),
            ["NotIpAddress"] = (OperatorFamily.IpAddress, true),
            ["ArnEquals"] = (OperatorFamily.Arn, false),
            ["ArnLike"] = (OperatorFamily.Arn, false),
            ["ArnNotEquals"] = (OperatorFamily.Arn, true),
            ["ArnNotLike"] = (OperatorFamily.Arn, true),
            ["Null"] = (OperatorFamily.Null, false),
        };

    public static ConditionOperator Parse(string name, string location)
    {
        var rest = name;
        var qualifier = SetQualifier.None;
        if (rest.StartsWith(ForAnyValuePrefix, StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest[ForAnyValuePrefix.Length..];
        }
        else if (rest.StartsWith(ForAllValuesPrefix, StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest[ForAllValuesPrefix.Length..];
        }

        var ifExists = false;
        if (!BaseOperators.ContainsKey(rest) && rest.EndsWith(IfExistsSuffix, StringComparison.Ordinal))
        {
            ifExists = true;
            rest = rest[..^IfExistsSuffix.Length];
        }

        if (!BaseOperators.TryGetValue(rest, out var found))
        {
            throw new PolicyParseException(location, $"{PolicyJson.Quote(name)} is not a condition operator{Hint(name)}");
        }

        if (ifExists && found.Family == OperatorFamily.Null)
        {
            throw new PolicyParseException(location, "Null cannot take IfExists: Null itself tests whether the key is present");
        }

        return new ConditionOperator(name, found.Family, rest, found.IsNegated, ifExists, qualifier);
    }

    private static string Hint(string name)
    {
        foreach (var prefix in (string[])["", ForAnyValuePrefix, ForAllValuesPrefix])
        {
            foreach (var baseName in BaseOperators.Keys)
            {
                foreach (var suffix in (string[])["", IfExistsSuffix])
                {
                    var candidate = prefix + baseName + suffix;
                    if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return $" (operator names are case-sensitive: did you mean \"{candidate}\"?)";
                    }
                }
            }
        }

        return string.Empty;
    }
}
