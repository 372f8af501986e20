using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// The Null operator: "true" is satisfied when the key is absent, "false" when it is present. It tests existence
/// only, so set qualifiers and IfExists (which IAM does not allow on Null) are ignored; a key present with no values
/// counts as absent.
/// </summary>
internal static class NullCheck
{
    public static ConditionOutcome Evaluate(ConditionClause clause, IReadOnlyList<string>? found)
    {
        var absent = found is null || found.Count == 0;
        var state = $"{clause.Key} is {(absent ? "absent" : "present")}";
        foreach (var value in clause.Values)
        {
            if (ConditionValueParser.TryParseBool(value, out var wantsAbsent) && wantsAbsent == absent)
            {
                return new(true, $"{state}, Null {Explain.Quote(value)} wants it {(wantsAbsent ? "absent" : "present")}: satisfied");
            }
        }

        var wanted = string.Join(" or ", clause.Values.Select(Describe));
        return new(false, $"{state}, Null {(wanted.Length == 0 ? "has no value" : wanted)}: not satisfied");
    }

    private static string Describe(string value) =>
        !ConditionValueParser.TryParseBool(value, out var wantsAbsent)
            ? $"{Explain.Quote(value)} (not true or false)"
            : $"{Explain.Quote(value)} wants it {(wantsAbsent ? "absent" : "present")}";
}
