using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Turns a clause's raw policy values into <see cref="PolicyValue"/>s: variables, then parsing.</summary>
internal static class PolicyValueFactory
{
    public static PolicyValue Create(string raw, OperatorFamily family, Comparison comparison, RequestContext context) => family switch
    {
        // IAM allows policy variables only with the String and ARN operators ("Where you can use policy variables");
        // anywhere else "${...}" is just text that will not parse.
        OperatorFamily.String when comparison == Comparison.Like => Pattern(raw, context),
        OperatorFamily.String => Text(raw, context),
        OperatorFamily.Arn => Pattern(raw, context),
        OperatorFamily.Numeric => ConditionValueParser.TryParseNumber(raw, out var number)
            ? new PolicyValue { Raw = raw, Text = raw, Number = number }
            : Unusable(raw, "not a number"),
        OperatorFamily.Date => ConditionValueParser.TryParseDate(raw, out var date)
            ? new PolicyValue { Raw = raw, Text = raw, Date = date }
            : Unusable(raw, "not an ISO 8601 date or epoch seconds"),
        OperatorFamily.Bool => ConditionValueParser.TryParseBool(raw, out var flag)
            ? new PolicyValue { Raw = raw, Text = raw, Flag = flag }
            : Unusable(raw, "not true or false"),
        OperatorFamily.Binary => ConditionValueParser.TryParseBase64(raw, out var bytes)
            ? new PolicyValue { Raw = raw, Text = raw, Bytes = bytes }
            : Unusable(raw, "not base64"),
        OperatorFamily.IpAddress => IpRange.TryParse(raw, out var range)
            ? new PolicyValue { Raw = raw, Text = raw, Range = range }
            : Unusable(raw, "not an IP address or CIDR range"),
        _ => Unusable(raw, $"{family} values are not compared"),
    };

    private static PolicyValue Text(string raw, RequestContext context) =>
        PolicyVariables.TryExpand(raw, context, out var expanded, out var problem)
            ? new PolicyValue { Raw = raw, Text = expanded }
            : Unusable(raw, $"{problem}: matches nothing");

    private static PolicyValue Pattern(string raw, RequestContext context) =>
        PolicyVariables.TryExpandPattern(raw, context, out var pattern, out var problem)
            ? new PolicyValue { Raw = raw, Pattern = pattern, Text = pattern.Text }
            : Unusable(raw, $"{problem}: matches nothing");

    private static PolicyValue Unusable(string raw, string problem) => new() { Raw = raw, Text = raw, Problem = problem };
}
