namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// IAM's wildcard match: '*' matches any run of characters (colons included), '?' exactly one character.
/// </summary>
public static class Glob
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        return Matches(pattern, [], value, ignoreCase);
    }

    /// <param name="literal">Empty, or one flag per pattern character: true marks a '*' or '?' that stands for itself.</param>
    internal static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> value, bool ignoreCase)
    {
        // Greedy match that remembers the last '*' and backtracks to it; linear in practice, no recursion.
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length
                && (IsWildcard(pattern, literal, p, '?') || (!IsWildcard(pattern, literal, p, '*') && Same(pattern[p], value[v], ignoreCase))))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && IsWildcard(pattern, literal, p, '*'))
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && IsWildcard(pattern, literal, p, '*'))
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsWildcard(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, int index, char wildcard) =>
        pattern[index] == wildcard && (literal.IsEmpty || !literal[index]);

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
