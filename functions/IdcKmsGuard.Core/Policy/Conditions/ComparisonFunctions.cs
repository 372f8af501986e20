namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Maps each IAM base operator (without qualifier and IfExists) to its positive test.</summary>
internal static class ComparisonFunctions
{
    private static readonly Dictionary<string, Comparison> ByBaseName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StringEquals"] = Comparison.Equal,
        ["StringNotEquals"] = Comparison.Equal,
        ["StringEqualsIgnoreCase"] = Comparison.EqualIgnoringCase,
        ["StringNotEqualsIgnoreCase"] = Comparison.EqualIgnoringCase,
        ["StringLike"] = Comparison.Like,
        ["StringNotLike"] = Comparison.Like,
        ["NumericEquals"] = Comparison.Equal,
        ["NumericNotEquals"] = Comparison.Equal,
        ["NumericLessThan"] = Comparison.LessThan,
        ["NumericLessThanEquals"] = Comparison.LessThanOrEqual,
        ["NumericGreaterThan"] = Comparison.GreaterThan,
        ["NumericGreaterThanEquals"] = Comparison.GreaterThanOrEqual,
        ["DateEquals"] = Comparison.Equal,
        ["DateNotEquals"] = Comparison.Equal,
        ["DateLessThan"] = Comparison.LessThan,
        ["DateLessThanEquals"] = Comparison.LessThanOrEqual,
        ["DateGreaterThan"] = Comparison.GreaterThan,
        ["DateGreaterThanEquals"] = Comparison.GreaterThanOrEqual,
        ["Bool"] = Comparison.Equal,
        ["BinaryEquals"] = Comparison.Equal,
        ["IpAddress"] = Comparison.InRange,
        ["NotIpAddress"] = Comparison.InRange,
        ["ArnEquals"] = Comparison.ArnLike,
        ["ArnLike"] = Comparison.ArnLike,
        ["ArnNotEquals"] = Comparison.ArnLike,
        ["ArnNotLike"] = Comparison.ArnLike,
    };

    public static bool TryGet(string baseName, out Comparison comparison) => ByBaseName.TryGetValue(baseName, out comparison);

    /// <summary>How the explanation writes the test before the policy values: "&lt; '10'", or nothing for equality.</summary>
    public static string Prefix(Comparison comparison) => comparison switch
    {
        Comparison.LessThan => "< ",
        Comparison.LessThanOrEqual => "<= ",
        Comparison.GreaterThan => "> ",
        Comparison.GreaterThanOrEqual => ">= ",
        _ => string.Empty,
    };

    /// <summary>True when the context value (left) compares to the policy value (right) as the operator asks.</summary>
    public static bool Holds(Comparison comparison, int contextComparedToPolicy) => comparison switch
    {
        Comparison.LessThan => contextComparedToPolicy < 0,
        Comparison.LessThanOrEqual => contextComparedToPolicy <= 0,
        Comparison.GreaterThan => contextComparedToPolicy > 0,
        Comparison.GreaterThanOrEqual => contextComparedToPolicy >= 0,
        _ => contextComparedToPolicy == 0,
    };
}
