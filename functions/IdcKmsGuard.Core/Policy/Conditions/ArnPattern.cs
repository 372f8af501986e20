namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// ArnEquals/ArnLike matching: the six colon-separated parts (arn, partition, service, region, account, resource) are
/// matched one by one, case-sensitively, each with '*' and '?' wildcards; a wildcard never crosses into the next part,
/// except inside the resource part, which runs to the end and may itself contain colons. A pattern or value with
/// fewer than six parts matches nothing, so a bare "*" is not an ARN pattern here: callers matching a Resource or
/// Principal element treat "*" themselves.
/// </summary>
public static class ArnPattern
{
    private const int PartCount = 6;

    public static bool Matches(string pattern, string arn)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Matches(GlobPattern.Parse(pattern), arn);
    }

    public static bool Matches(GlobPattern pattern, string arn)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(arn);

        Span<Range> patternParts = stackalloc Range[PartCount];
        Span<Range> arnParts = stackalloc Range[PartCount];
        if (!TrySplit(pattern.Text, patternParts) || !TrySplit(arn, arnParts))
        {
            return false;
        }

        var literal = pattern.Literal;
        for (var i = 0; i < PartCount; i++)
        {
            var part = patternParts[i];
            var mask = literal.IsEmpty ? [] : literal[part];
            if (!Glob.Matches(pattern.Text.AsSpan()[part], mask, arn.AsSpan()[arnParts[i]], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the value has the six parts of an ARN.</summary>
    public static bool IsArn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<Range> parts = stackalloc Range[PartCount];
        return TrySplit(value, parts);
    }

    private static bool TrySplit(ReadOnlySpan<char> text, Span<Range> parts)
    {
        var start = 0;
        for (var i = 0; i < PartCount - 1; i++)
        {
            var colon = text[start..].IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            parts[i] = new Range(start, start + colon);
            start += colon + 1;
        }

        parts[PartCount - 1] = new Range(start, text.Length);
        return true;
    }
}
