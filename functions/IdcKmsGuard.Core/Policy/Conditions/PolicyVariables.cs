using System.Text;
using IdcKmsGuard.Core.Policy.Evaluation;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// IAM policy variables: ${key} takes the key's value from the request context (keys compare case-insensitively),
/// ${key, 'default'} falls back to the quoted default ('' inside it is one quote), and ${*}, ${?}, ${$} stand for a
/// literal '*', '?' and '$'. Substitution is one round: what a variable brings in is never expanded or treated as a
/// wildcard again. A variable that resolves to nothing (key absent, or multivalued, which IAM does not allow as a
/// variable) and has no default makes the whole value unusable: IAM treats it as null, which nothing equals or is like.
/// </summary>
public static class PolicyVariables
{
    public static bool TryExpand(string value, RequestContext context, out string expanded) =>
        TryExpand(value, context, out expanded, out _);

    /// <param name="problem">When false: why, e.g. "aws:username has no value".</param>
    public static bool TryExpand(string value, RequestContext context, out string expanded, out string? problem)
    {
        var ok = TryExpandPattern(value, context, out var pattern, out problem);
        expanded = ok ? pattern.Text : value;
        return ok;
    }

    /// <summary>Expands into a wildcard pattern in which only the value's own '*' and '?' are wildcards.</summary>
    public static bool TryExpandPattern(string value, RequestContext context, out GlobPattern pattern) =>
        TryExpandPattern(value, context, out pattern, out _);

    public static bool TryExpandPattern(string value, RequestContext context, out GlobPattern pattern, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        problem = null;
        pattern = GlobPattern.Parse(value);
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return true;
        }

        var text = new StringBuilder(value.Length);
        var literal = new List<bool>(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] != '$' || i + 1 >= value.Length || value[i + 1] != '{')
            {
                text.Append(value[i++]);
                literal.Add(false);
                continue;
            }

            if (!VariableReader.TryRead(value, i + 2, out var end, out var name, out var fallback))
            {
                problem = $"'{value[i..]}' is not a well-formed policy variable";
                return false;
            }

            var replacement = Resolve(name, fallback, context, out problem);
            if (replacement is null)
            {
                return false;
            }

            text.Append(replacement);
            literal.AddRange(Enumerable.Repeat(true, replacement.Length));
            i = end + 1;
        }

        pattern = new GlobPattern(text.ToString(), [.. literal]);
        return true;
    }

    private static string? Resolve(string name, string? fallback, RequestContext context, out string? problem)
    {
        problem = null;
        if (name is "*" or "?" or "$")
        {
            return name;
        }

        var values = context.Get(name);
        if (values is { Count: 1 })
        {
            return values[0];
        }

        if (fallback is not null)
        {
            return fallback;
        }

        problem = values is null or { Count: 0 }
            ? $"{name} has no value"
            : $"{name} has {values.Count} values and a multivalued key cannot be a policy variable";
        return null;
    }
}
