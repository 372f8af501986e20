namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>One policy value of a clause, expanded and parsed once for its operator family.</summary>
internal sealed class PolicyValue
{
    public required string Raw { get; init; }

    /// <summary>For explanations: "'${aws:ResourceAccount}' = '111122223333'", or "'ten' (not a number)".</summary>
    public string Display => Problem is not null ? $"{Explain.Quote(Raw)} ({Problem})"
        : string.Equals(Raw, Text, StringComparison.Ordinal) ? Explain.Quote(Raw)
        : $"{Explain.Quote(Raw)} = {Explain.Quote(Text)}";

    /// <summary>Why the value can match nothing (unresolved variable, not a number, ...), or null when usable.</summary>
    public string? Problem { get; init; }

    /// <summary>The value after policy-variable expansion (the raw value for families without variables).</summary>
    public required string Text { get; init; }

    public GlobPattern? Pattern { get; init; }

    public decimal Number { get; init; }

    public DateTimeOffset Date { get; init; }

    public bool Flag { get; init; }

    public IpRange? Range { get; init; }

    public byte[] Bytes { get; init; } = [];

    public bool IsUsable => Problem is null;

    public bool Matches(Comparison comparison, string text) => comparison switch
    {
        Comparison.Equal => string.Equals(text, Text, StringComparison.Ordinal),
        Comparison.EqualIgnoringCase => string.Equals(text, Text, StringComparison.OrdinalIgnoreCase),
        Comparison.Like => Pattern!.Matches(text, ignoreCase: false),
        _ => ArnPattern.Matches(Pattern!, text),
    };
}
