namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// A wildcard pattern after policy-variable expansion. A '*' or '?' that came from ${*}, ${?} or from a substituted
/// value is literal and matches only itself; every other '*' and '?' is a wildcard.
/// </summary>
public sealed class GlobPattern
{
    private readonly bool[]? literal;

    internal GlobPattern(string text, bool[]? literal)
    {
        Text = text;
        this.literal = literal;
    }

    /// <summary>The expanded text, as it would read if every character were literal.</summary>
    public string Text { get; }

    internal ReadOnlySpan<bool> Literal => literal;

    /// <summary>A pattern in which every '*' and '?' is a wildcard (no policy variables).</summary>
    public static GlobPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new GlobPattern(pattern, null);
    }

    public bool Matches(string value, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Glob.Matches(Text, literal, value, ignoreCase);
    }

    public override string ToString() => Text;
}
