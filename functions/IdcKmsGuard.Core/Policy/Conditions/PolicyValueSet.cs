using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>The policy values of one clause, ready to test request values against (any one may match: OR).</summary>
internal sealed class PolicyValueSet
{
    private readonly OperatorFamily family;
    private readonly Comparison comparison;
    private readonly PolicyValue[] values;

    private PolicyValueSet(OperatorFamily family, Comparison comparison, PolicyValue[] values)
    {
        this.family = family;
        this.comparison = comparison;
        this.values = values;
    }

    public static PolicyValueSet Prepare(ConditionClause clause, Comparison comparison, RequestContext context)
    {
        var family = clause.Operator.Family;
        var prepared = new PolicyValue[clause.Values.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = PolicyValueFactory.Create(clause.Values[i], family, comparison, context);
        }

        return new PolicyValueSet(family, comparison, prepared);
    }

    /// <returns>The index of the first policy value the request value matches, or -1.</returns>
    /// <param name="problem">Set when the request value itself cannot be read for this family ("not a number").</param>
    public int FindMatch(string requestValue, out string? problem)
    {
        problem = null;
        decimal number = 0;
        DateTimeOffset date = default;
        var flag = false;
        byte[] bytes = [];
        System.Net.IPAddress? address = null;
        var readable = family switch
        {
            OperatorFamily.String or OperatorFamily.Arn => true,
            OperatorFamily.Numeric => ConditionValueParser.TryParseNumber(requestValue, out number),
            OperatorFamily.Date => ConditionValueParser.TryParseDate(requestValue, out date),
            OperatorFamily.Bool => ConditionValueParser.TryParseBool(requestValue, out flag),
            OperatorFamily.Binary => ConditionValueParser.TryParseBase64(requestValue, out bytes),
            OperatorFamily.IpAddress => IpRange.TryParseAddress(requestValue, out address),
            _ => false,
        };
        if (!readable)
        {
            problem = Unreadable(family);
            return -1;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value.IsUsable && family switch
            {
                OperatorFamily.String or OperatorFamily.Arn => value.Matches(comparison, requestValue),
                OperatorFamily.Numeric => ComparisonFunctions.Holds(comparison, number.CompareTo(value.Number)),
                OperatorFamily.Date => ComparisonFunctions.Holds(comparison, date.CompareTo(value.Date)),
                OperatorFamily.Bool => value.Flag == flag,
                OperatorFamily.Binary => value.Bytes.AsSpan().SequenceEqual(bytes),
                _ => value.Range!.Contains(address!),
            })
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"'a' or 'b'", with the comparison written once in front ("&lt; '10'") and "(ignoring case)" after.</summary>
    public string DescribeAll() => Describe(string.Join(" or ", values.Select(v => v.Display)));

    public string Describe(int index) => Describe(values[index].Display);

    private string Describe(string shown) =>
        ComparisonFunctions.Prefix(comparison) + (values.Length == 0 ? "no value" : shown)
        + (comparison == Comparison.EqualIgnoringCase ? " (ignoring case)" : string.Empty);

    private static string Unreadable(OperatorFamily family) => family switch
    {
        OperatorFamily.Numeric => "not a number",
        OperatorFamily.Date => "not a date",
        OperatorFamily.Bool => "not true or false",
        OperatorFamily.Binary => "not base64",
        OperatorFamily.IpAddress => "not an IP address",
        _ => $"{family} values are not compared",
    };
}
